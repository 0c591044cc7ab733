using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daemon.InWorkspace;

/// <summary>
/// A small gRPC server on one workspace's Unix socket. Kestrel cannot add listeners to a running
/// host, and the socket must identify the workspace, so each workspace gets its own server that
/// shares the daemon's operations and logging.
/// </summary>
internal sealed class WorkspaceSocketServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private WorkspaceSocketServer(WebApplication app, WorkspaceSession session, string socketPath)
    {
        this.app = app;
        Session = session;
        SocketPath = socketPath;
    }

    /// <summary>The workspace served.</summary>
    public WorkspaceSession Session { get; }

    /// <summary>The socket the server listens on.</summary>
    public string SocketPath { get; }

    /// <summary>Starts serving <paramref name="session"/> on <paramref name="socketPath"/>, replacing a stale socket file.</summary>
    public static async Task<WorkspaceSocketServer> StartAsync(WorkspaceSession session, string socketPath, InWorkspaceToolkit toolkit, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);
        File.Delete(socketPath);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(session);
        builder.Services.AddSingleton(toolkit);
        builder.Services.AddGrpc(o => o.Interceptors.Add<RateLimitInterceptor>());
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socketPath, l => l.Protocols = HttpProtocols.Http2));

        var app = builder.Build();
        app.MapGrpcService<InWorkspaceGrpcService>();
        app.MapGrpcService<WorkspaceInfoGrpcService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        // The workspace user is not root inside its container; it must still reach its socket.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        }

        return new WorkspaceSocketServer(app, session, socketPath);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        File.Delete(SocketPath);
        Session.Dispose();
    }
}
