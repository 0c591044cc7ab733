using Facade.Shared.Errors;
using Facade.Upstreams;

namespace Facade.Tests.Unit;

public sealed class UpstreamCatalogTests
{
    private static UpstreamCatalog Catalog(string? fallback)
    {
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        return new UpstreamCatalog(
        [
            new UpstreamRegistry("docker.io", new Uri("https://hub.invalid/"), invoker, invoker, false),
            new UpstreamRegistry("local", new Uri("http://127.0.0.1:5000/"), invoker, invoker, true),
        ], fallback);
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
