using Facade.Composition;
using Facade.Protos.RegistryFacade;
using Facade.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ImageSpec = Facade.Protos.RegistryFacade.ImageSpec;

namespace Facade.Tests.Composition;

/// <summary>Names routed to providers, wired from configuration exactly as the facade does.</summary>
public sealed class SpecProviderRouterTests : IAsyncLifetime
{
    private readonly TempDir _directory = new("composition");
    private SpecServer _server = null!;
    private ServiceProvider _services = null!;
    private SpecProviderRouter _router = null!;

    public async Task InitializeAsync()
    {
        _server = await SpecServer.StartAsync();
        _server.Service.Specs["abc"] = new ImageSpec { BaseRef = "from-grpc" };
        var file = _directory["fixed.json"];
        await File.WriteAllTextAsync(file, """{ "abc": { "baseRef": "from-file" }, "with/slash": { "baseRef": "nested" } }""");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Facade:Composition:SpecProviders:0:Address"] = _server.Address,
            ["Facade:Composition:SpecCacheTtl"] = "00:00:05",
            ["Facade:Composition:FixedSpecFile"] = file,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddComposition(configuration).BuildServiceProvider();
        _router = _services.GetRequiredService<SpecProviderRouter>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("remote/abc", "from-grpc")]
    [InlineData("fixed/abc", "from-file")]
    [InlineData("fixed/with/slash", "nested")]
    public async Task Names_go_to_their_provider(string name, string baseRef)
    {
        var result = await _router.GetSpecAsync(name, CancellationToken.None);
        Assert.Equal(SpecLookupStatus.Found, result.Status);
        Assert.Equal(baseRef, result.Spec!.BaseRef);
    }

    [Theory]
    [InlineData("remote/nope")]
    [InlineData("fixed/nope")]
    [InlineData("other/abc")]
    [InlineData("remote/")]
    [InlineData("remote")]
    [InlineData("library/ubuntu")]
    public async Task Unknown_providers_and_ids_are_not_found(string name)
    {
        var result = await _router.GetSpecAsync(name, CancellationToken.None);
        Assert.Equal(SpecLookupStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task Providers_left_out_of_configuration_are_not_found()
    {
        var configuration = new ConfigurationBuilder().Build();
        await using var services = new ServiceCollection().AddLogging().AddComposition(configuration).BuildServiceProvider();
        var router = services.GetRequiredService<SpecProviderRouter>();
        Assert.Equal(SpecLookupStatus.NotFound, (await router.GetSpecAsync("remote/abc", CancellationToken.None)).Status);
        Assert.Equal(SpecLookupStatus.NotFound, (await router.GetSpecAsync("fixed/abc", CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData("remote/x", true)]
    [InlineData("fixed/x", true)]
    [InlineData("remote", false)]
    [InlineData("library/x", false)]
    public void Composed_names_are_recognized(string name, bool composed) =>
        Assert.Equal(composed, SpecProviderRouter.IsComposedName(name));
}
