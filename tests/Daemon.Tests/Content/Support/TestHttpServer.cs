using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daemon.Tests.Content.Support;

/// <summary>
/// Serves the files of a directory over HTTP/1.1 on 127.0.0.1 (downloads and Git's dumb HTTP
/// protocol), optionally behind HTTP basic authentication.
/// </summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private WebApplication _app = null!;

    /// <summary>Base URL ending in '/'.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests refused for missing or wrong credentials.</summary>
    public int Unauthorized;

    /// <summary>Requests answered with content.</summary>
    public int Served;

    /// <summary>Every request waits for this before it is answered; completed unless a test holds it back.</summary>
    public TaskCompletionSource Gate { get; set; } = CompletedGate();

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public static async Task<TestHttpServer> StartAsync(string root, string? user = null, string? password = null)
    {
        var server = new TestHttpServer();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var expected = user is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        app.Run(async context =>
        {
            await server.Gate.Task.WaitAsync(context.RequestAborted);
            if (expected is not null && context.Request.Headers.Authorization != expected)
            {
                Interlocked.Increment(ref server.Unauthorized);
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return;
            }
            var relative = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(root, relative));
            if (!path.StartsWith(Path.GetFullPath(root) + "/", StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = 404;
                return;
            }
            Interlocked.Increment(ref server.Served);
            await context.Response.SendFileAsync(path);
        });
        await app.StartAsync();
        server._app = app;
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
