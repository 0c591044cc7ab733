using System.Diagnostics.Metrics;
using Facade.Metrics;
using Facade.Shared.Client;
using Facade.Upstreams;
using Microsoft.Extensions.DependencyInjection;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// What a unit test of a fill's parts, or of the responder that sends them, needs around them:
/// the facade's metrics on a meter factory of their own, and an upstream target (<c>team/app</c>
/// on an upstream nothing listens on) for origins to be asked about. Dispose releases all of it.
/// </summary>
internal sealed class FillTestContext : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RegistryClient _client = RegistryClient.Create(new Uri("http://127.0.0.1:9/"));

    public FillTestContext()
    {
        Metrics = new FacadeMetrics(_services.GetRequiredService<IMeterFactory>());
        Target = new UpstreamTarget(new UpstreamRegistry("local", _client, writable: false, usesLibraryPrefix: false), "team/app");
    }

    public FacadeMetrics Metrics { get; }

    public UpstreamTarget Target { get; }

    public void Dispose()
    {
        Metrics.Dispose();
        _services.Dispose();
        _client.Dispose();
    }
}
