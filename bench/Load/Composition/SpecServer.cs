using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facade.Load.Composition;

/// <summary>
/// A gRPC SpecProvider on 127.0.0.1 with a kernel-chosen port, HTTP/2 cleartext, in this process
/// (it answers a handful of calls, so it hardly competes with the facade for CPU). Dispose stops it.
/// </summary>
internal sealed class SpecServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SpecServer(WebApplication app, BenchSpecService service, Uri address)
    {
        _app = app;
        Service = service;
        Address = address;
    }

    public BenchSpecService Service { get; }

    public Uri Address { get; }

    public static async Task<SpecServer> StartAsync(BenchSpecService service)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<BenchSpecService>();
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.SingleOrDefault()
            ?? throw new InvalidOperationException("the spec server reported no address");
        return new SpecServer(app, service, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
