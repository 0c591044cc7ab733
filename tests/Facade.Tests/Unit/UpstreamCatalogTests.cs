using Facade.Configuration;
using Facade.Shared.Errors;
using Facade.Upstreams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Unit;

public sealed class UpstreamCatalogTests
{
    // Built the way the facade builds it: from options, through the factory.
    private static UpstreamCatalog Catalog(string? fallback, params (string Name, UpstreamOptions Options)[] extra)
    {
        var options = new FacadeOptions { DefaultUpstream = fallback };
        options.Upstreams["docker.io"] = new UpstreamOptions { Url = HubRegistry.Url };
        options.Upstreams["local"] = new UpstreamOptions { Url = "http://127.0.0.1:5000", Writable = true };
        foreach (var (name, settings) in extra) options.Upstreams[name] = settings;
        return UpstreamCatalogFactory.Create(Options.Create(options), new UpstreamLog(NullLogger<UpstreamLog>.Instance));
    }

    [Theory]
    [InlineData("alpine", "docker.io", "docker.io", "library/alpine")]
    [InlineData("library/alpine", "docker.io", "docker.io", "library/alpine")]
    [InlineData("team/app", "local", "local", "team/app")]
    [InlineData("team/app", "127.0.0.1:5000", "local", "team/app")]
    [InlineData("local/team/app", null, "local", "team/app")]
    [InlineData("alpine", null, "docker.io", "library/alpine")]
    [InlineData("other/app", null, "docker.io", "other/app")]
    public void Picks_upstream(string name, string? ns, string upstream, string repository)
    {
        var (target, error) = Catalog("docker.io").Resolve(name, ns);
        Assert.Null(error);
        Assert.Equal(upstream, target!.Upstream.Name);
        Assert.Equal(repository, target.Repository);
    }

    [Theory]
    [InlineData("hub", HubRegistry.Url, "library/alpine")]
    [InlineData("hub", "https://index.docker.io", "library/alpine")]
    [InlineData("mirror", "http://127.0.0.1:5001", "alpine")]
    public void Library_prefix_follows_the_url_not_the_name(string name, string url, string repository)
    {
        var (target, error) = Catalog(null, (name, new UpstreamOptions { Url = url })).Resolve("alpine", name);
        Assert.Null(error);
        Assert.Equal(repository, target!.Repository);
    }

    [Fact]
    public void A_docker_io_named_upstream_elsewhere_gets_no_library_prefix()
    {
        var options = new FacadeOptions { DefaultUpstream = "docker.io" };
        options.Upstreams["docker.io"] = new UpstreamOptions { Url = "http://127.0.0.1:5002" };
        var catalog = UpstreamCatalogFactory.Create(Options.Create(options), new UpstreamLog(NullLogger<UpstreamLog>.Instance));
        Assert.Equal("alpine", catalog.Resolve("alpine", null).Target!.Repository);
    }

    [Fact]
    public void A_switched_off_upstream_is_neither_found_nor_the_default()
    {
        var options = new FacadeOptions { DefaultUpstream = "docker.io" };
        options.Upstreams["docker.io"] = new UpstreamOptions { Url = HubRegistry.Url, Enabled = false };
        options.Upstreams["local"] = new UpstreamOptions { Url = "http://127.0.0.1:5000" };
        Assert.True(new FacadeOptionsValidator().Validate(null, options).Succeeded);
        var catalog = UpstreamCatalogFactory.Create(Options.Create(options), new UpstreamLog(NullLogger<UpstreamLog>.Instance));
        Assert.Equal(OciErrorCode.NameUnknown, catalog.Resolve("alpine", null).Error!.Code);
        Assert.Equal(OciErrorCode.Denied, catalog.Resolve("alpine", "docker.io").Error!.Code);
        Assert.Equal("local", catalog.Resolve("local/app", null).Target!.Upstream.Name);
    }

    [Theory]
    [InlineData("https://registry.example/v2/prefix")]
    [InlineData("http://127.0.0.1:5000/mirror/")]
    public void An_upstream_url_with_a_path_is_refused_at_start(string url)
    {
        var options = new FacadeOptions();
        options.Upstreams["prefixed"] = new UpstreamOptions { Url = url };
        var result = new FacadeOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("must not have a path", result.FailureMessage);
    }

    [Theory]
    [InlineData("auth.example:8443", "auth.example:8443")]
    [InlineData("https://auth.example:8443/token", "auth.example:8443")]
    [InlineData("http://Auth.Example/", "auth.example")]
    public void Token_realm_entries_are_normalised(string entry, string host)
    {
        var realms = UpstreamHandlers.TrustedRealms(new UpstreamOptions { Url = "http://127.0.0.1:5000", TokenRealms = [entry] }, hub: false);
        Assert.Equal([host], realms);
    }

    [Fact]
    public void The_hub_trusts_its_own_token_service()
    {
        Assert.Contains(HubRegistry.TokenRealmHost, UpstreamHandlers.TrustedRealms(new UpstreamOptions { Url = HubRegistry.Url }, hub: true));
        Assert.Empty(UpstreamHandlers.TrustedRealms(new UpstreamOptions { Url = "http://127.0.0.1:5000" }, hub: false));
    }

    [Fact]
    public void Unconfigured_ns_is_refused()
    {
        var (target, error) = Catalog("docker.io").Resolve("alpine", "evil.example");
        Assert.Null(target);
        Assert.Equal(OciErrorCode.Denied, error!.Code);
    }

    [Fact]
    public void Without_default_an_unprefixed_name_is_unknown()
    {
        var (target, error) = Catalog(null).Resolve("team/app", null);
        Assert.Null(target);
        Assert.Equal(OciErrorCode.NameUnknown, error!.Code);
    }
}
