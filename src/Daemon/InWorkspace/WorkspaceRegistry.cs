using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>
/// The workspaces the daemon serves: id to socket server and session. Registering a workspace opens
/// its socket; unregistering closes it. The content service registers workspaces as they start.
/// </summary>
internal sealed partial class WorkspaceRegistry(
    IOptions<InWorkspaceOptions> options,
    InWorkspaceToolkit toolkit,
    ILoggerFactory loggerFactory,
    ILogger<WorkspaceRegistry> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WorkspaceSocketServer> servers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The sessions currently served.</summary>
    public IReadOnlyCollection<WorkspaceSession> Sessions => servers.Values.Select(s => s.Session).ToList();

    /// <summary>Starts serving <paramref name="registration"/>; returns its socket path.</summary>
    /// <exception cref="ArgumentException">The registration is unusable.</exception>
    /// <exception cref="InvalidOperationException">The id is already registered.</exception>
    public async Task<string> RegisterAsync(WorkspaceRegistration registration, CancellationToken cancellationToken = default)
    {
        if (registration.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(registration));
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (servers.ContainsKey(registration.Id))
            {
                throw new InvalidOperationException($"workspace {registration.Id} is already registered");
            }

            var socket = registration.SocketPath ?? Path.Combine(options.Value.SocketDirectory, registration.Id + ".sock");
            var session = new WorkspaceSession(registration, new WorkspaceRateLimiter(options.Value));
            var server = await WorkspaceSocketServer.StartAsync(session, socket, toolkit, loggerFactory, cancellationToken).ConfigureAwait(false);
            servers[registration.Id] = server;
            LogRegistered(registration.Id, socket);
            return socket;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Looks a session up by workspace id.</summary>
    public WorkspaceSession? Find(string id) => servers.TryGetValue(id, out var server) ? server.Session : null;

    /// <summary>Stops serving a workspace; false when it was not registered.</summary>
    public async Task<bool> UnregisterAsync(string id)
    {
        if (!servers.TryRemove(id, out var server))
        {
            return false;
        }

        await server.DisposeAsync().ConfigureAwait(false);
        LogUnregistered(id);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var id in servers.Keys.ToList())
        {
            await UnregisterAsync(id).ConfigureAwait(false);
        }

        gate.Dispose();
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Serving workspace {WorkspaceId} on {Socket}")]
    private partial void LogRegistered(string workspaceId, string socket);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Stopped serving workspace {WorkspaceId}")]
    private partial void LogUnregistered(string workspaceId);
}
