using Daemon.Cli;
using Daemon.Hosting;
using Daemon.Protos.WsDaemon;
using Facade.TestSupport;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daemon.Tests.Content.Support;

/// <summary>
/// The daemon's content service, built exactly as Program.cs builds it, on 127.0.0.1 with a free
/// port (or a Unix socket) and a temp working area, plus a real gRPC client.
/// </summary>
internal sealed class DaemonServer : IAsyncDisposable
{
    private readonly TempDir _dir = new("daemon-area");
    private WebApplication? _app;
    private GrpcChannel? _channel;

    /// <summary>The working area holding one directory per workspace.</summary>
    public string WorkingArea => _dir.Combine("area");

    /// <summary>The local storage directory (used when no other storage is configured).</summary>
    public string LocalStorage => _dir.Combine("storage");

    /// <summary>The address clients use.</summary>
    public string Address { get; private set; } = "";

    /// <summary>A client connected to the server.</summary>
    public WorkspaceContentService.WorkspaceContentServiceClient Client { get; private set; } = null!;

    /// <summary>The server's services, for white-box checks.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Starts a server; <paramref name="settings"/> override the defaults (keys without the <c>Daemon:</c> prefix).</summary>
    public static async Task<DaemonServer> StartAsync(IDictionary<string, string?>? settings = null, bool unixSocket = false)
    {
        var server = new DaemonServer();
        var listen = unixSocket ? "unix:" + server._dir.Combine("daemon.sock") : "http://127.0.0.1:0";
        var config = new Dictionary<string, string?>
        {
            ["Daemon:WorkingArea"] = server.WorkingArea,
            ["Daemon:Content:Listen"] = listen,
            ["Daemon:Storage:Local:Directory"] = server.LocalStorage,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config["Daemon:" + key] = value;

        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.ListenForWorkspaceContent();
            builder.Services.AddWorkspaceContent(builder.Configuration);
            server._app = builder.Build();
            server._app.MapWorkspaceContent();
            await server._app.StartAsync();
        }
        catch
        {
            // A server that does not start (bad options under test) still leaves no temp dir behind.
            if (server._app is not null) await server._app.DisposeAsync();
            server._app = null;
            await server.DisposeAsync();
            throw;
        }

        server.Address = unixSocket
            ? listen
            : server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server._channel = DaemonChannel.Open(server.Address);
        server.Client = new WorkspaceContentService.WorkspaceContentServiceClient(server._channel);
        return server;
    }

    /// <summary>The content directory of a workspace.</summary>
    public string WorkspacePath(string id) => Path.Combine(WorkingArea, id);

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _dir.Dispose();
    }
}
