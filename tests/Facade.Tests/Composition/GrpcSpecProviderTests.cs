using Facade.Composition;
using Facade.Protos.RegistryFacade;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Facade.Tests.Composition;

/// <summary>The gRPC spec provider against real SpecProvider servers on 127.0.0.1.</summary>
public sealed class GrpcSpecProviderTests : IAsyncLifetime
{
    private SpecServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SpecServer.StartAsync();
        _server.Service.Specs["ws-1"] = new ImageSpec { BaseRef = "registry.example.test/base:1", IdeRef = "registry.example.test/ide:1" };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static GrpcSpecProvider Provider(TimeSpan ttl, TimeSpan? timeout = null, params string[] addresses) =>
        Provider(TimeProvider.System, ttl, timeout, addresses);

    private static GrpcSpecProvider Provider(TimeProvider time, TimeSpan ttl, TimeSpan? timeout = null, params string[] addresses) => new(
        new CompositionOptions
        {
            SpecProviders = addresses.Select(a => new SpecProviderEndpoint { Address = a }).ToList(),
            SpecCacheTtl = ttl,
            SpecTimeout = timeout ?? TimeSpan.FromSeconds(5),
        },
        time, NullLogger<GrpcSpecProvider>.Instance);

    [Fact]
    public async Task Finds_a_spec()
    {
        using var provider = Provider(TimeSpan.Zero, null, _server.Address);
        var result = await provider.GetSpecAsync("ws-1", CancellationToken.None);
        Assert.Equal(SpecLookupStatus.Found, result.Status);
        Assert.Equal("registry.example.test/base:1", result.Spec!.BaseRef);
        Assert.Equal("registry.example.test/ide:1", result.Spec.IdeRef);
    }

    [Fact]
    public async Task NotFound_from_the_server_is_not_found()
    {
        using var provider = Provider(TimeSpan.Zero, null, _server.Address);
        var result = await provider.GetSpecAsync("missing", CancellationToken.None);
        Assert.Equal(SpecLookupStatus.NotFound, result.Status);
        Assert.Null(result.Spec);
    }

    [Fact]
    public async Task A_server_that_is_down_is_unavailable()
    {
        var down = await SpecServer.StartAsync();
        var address = down.Address;
        await down.DisposeAsync();
        using var provider = Provider(TimeSpan.Zero, null, address);
        var result = await provider.GetSpecAsync("ws-1", CancellationToken.None);
        Assert.Equal(SpecLookupStatus.Unavailable, result.Status);
        Assert.Contains(address, result.Message);
    }

    [Fact]
    public async Task A_slow_server_is_unavailable_after_the_deadline()
    {
        _server.Service.Delay = TimeSpan.FromSeconds(5);
        using var provider = Provider(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), _server.Address);
        var started = DateTime.UtcNow;
        var result = await provider.GetSpecAsync("ws-1", CancellationToken.None);
        Assert.Equal(SpecLookupStatus.Unavailable, result.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the deadline must cut the call short");
    }

    [Fact]
    public async Task Providers_are_tried_in_order()
    {
        await using var other = await SpecServer.StartAsync();
        var down = await SpecServer.StartAsync();
        var downAddress = down.Address;
        await down.DisposeAsync();
        using var provider = Provider(TimeSpan.Zero, null, downAddress, other.Address, _server.Address);
        var result = await provider.GetSpecAsync("ws-1", CancellationToken.None);
        Assert.Equal(SpecLookupStatus.Found, result.Status);
        Assert.Equal(1, other.Service.Calls);
        Assert.Equal(1, _server.Service.Calls);
    }

    [Fact]
    public async Task Not_found_everywhere_but_one_down_is_unavailable()
    {
        var down = await SpecServer.StartAsync();
        var downAddress = down.Address;
        await down.DisposeAsync();
        using var provider = Provider(TimeSpan.Zero, null, _server.Address, downAddress);
        var result = await provider.GetSpecAsync("missing", CancellationToken.None);
        Assert.Equal(SpecLookupStatus.Unavailable, result.Status);
    }

    [Fact]
    public async Task Found_specs_are_cached_for_the_ttl()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var provider = Provider(clock, TimeSpan.FromMinutes(5), null, _server.Address);
        Assert.Equal(SpecLookupStatus.Found, (await provider.GetSpecAsync("ws-1", CancellationToken.None)).Status);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(SpecLookupStatus.Found, (await provider.GetSpecAsync("ws-1", CancellationToken.None)).Status);
        Assert.Equal(1, _server.Service.Calls);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SpecLookupStatus.Found, (await provider.GetSpecAsync("ws-1", CancellationToken.None)).Status);
        Assert.Equal(2, _server.Service.Calls);
    }

    [Fact]
    public async Task Not_found_is_not_cached()
    {
        using var provider = Provider(TimeSpan.FromMinutes(1), null, _server.Address);
        Assert.Equal(SpecLookupStatus.NotFound, (await provider.GetSpecAsync("late", CancellationToken.None)).Status);
        _server.Service.Specs["late"] = new ImageSpec { BaseRef = "b" };
        Assert.Equal(SpecLookupStatus.Found, (await provider.GetSpecAsync("late", CancellationToken.None)).Status);
    }
}
