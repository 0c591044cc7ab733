using System.Net.Sockets;
using Daemon.InWorkspace;
using Facade.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Daemon.Tests.InWorkspace;

/// <summary>
/// The daemon's in-workspace half, wired exactly as the daemon wires it (AddInWorkspace), with a
/// temp socket directory. Channels connect over the per-workspace Unix sockets.
/// </summary>
internal sealed class InWorkspaceHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<GrpcChannel> channels = [];

    private readonly TempDir directory;

    private InWorkspaceHost(WebApplication app, TempDir directory)
    {
        this.app = app;
        this.directory = directory;
    }

    /// <summary>The temp directory holding the sockets.</summary>
    public string Directory => directory.Path;

    /// <summary>The registry of served workspaces.</summary>
    public WorkspaceRegistry Registry => app.Services.GetRequiredService<WorkspaceRegistry>();

    /// <summary>Resolves a service of the daemon.</summary>
    public T Get<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    /// <summary>Starts the host with default test settings plus <paramref name="settings"/> (keys below Daemon:InWorkspace: or absolute).</summary>
    public static async Task<InWorkspaceHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var directory = new TempDir("iws");
        var config = new Dictionary<string, string?>
        {
            ["Daemon:InWorkspace:SocketDirectory"] = directory.Path,
            ["Daemon:InWorkspace:UidRanges:0:Start"] = "100000",
            ["Daemon:InWorkspace:UidRanges:0:Size"] = "65536",
            ["Daemon:InWorkspace:GidRanges:0:Start"] = "100000",
            ["Daemon:InWorkspace:GidRanges:0:Size"] = "65536",
            ["Daemon:InWorkspace:CpuSampleInterval"] = "00:00:00.500",
            ["Daemon:ResourceLimiting:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key.StartsWith("Daemon:", StringComparison.Ordinal) ? key : "Daemon:InWorkspace:" + key] = value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(config);
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Services.AddInWorkspace(builder.Configuration);
        var app = builder.Build();
        try
        {
            app.MapInWorkspace();
            await app.StartAsync();
            return new InWorkspaceHost(app, directory);
        }
        catch
        {
            await app.DisposeAsync();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Registers a workspace and returns a channel to its socket.</summary>
    public async Task<GrpcChannel> ServeAsync(WorkspaceRegistration registration)
    {
        var socket = await Registry.RegisterAsync(registration);
        return Connect(socket);
    }

    /// <summary>A gRPC channel over a Unix socket.</summary>
    public GrpcChannel Connect(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        channels.ForEach(c => c.Dispose());
        await app.StopAsync();
        await app.DisposeAsync();
        directory.Dispose();
    }
}
