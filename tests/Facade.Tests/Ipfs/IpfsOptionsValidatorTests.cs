using Facade.Ipfs;

namespace Facade.Tests.Ipfs;

public sealed class IpfsOptionsValidatorTests
{
    private static readonly IpfsOptionsValidator Validator = new();

    [Fact]
    public void Everything_off_needs_no_api() =>
        Assert.True(Validator.Validate(null, new IpfsOptions()).Succeeded);

    [Fact]
    public void A_valid_configuration_passes() =>
        Assert.True(Validator.Validate(null, new IpfsOptions
        {
            Api = "/ip4/127.0.0.1/tcp/5001",
            Serve = true,
            Publish = true,
            RewriteManifests = ManifestUrlRewrite.GatewayUrls,
            GatewayUrl = "http://gateway.internal:8080",
        }).Succeeded);

    [Theory]
    [InlineData("no-api", "Facade:Ipfs:Api")]
    [InlineData("bad-api", "Facade:Ipfs:Api")]
    [InlineData("no-gateway", "GatewayUrl")]
    [InlineData("relative-gateway", "GatewayUrl")]
    [InlineData("unknown-rewrite", "RewriteManifests")]
    [InlineData("zero-timeout", "Timeout")]
    [InlineData("huge-read-timeout", "ReadTimeout")]
    public void Invalid_configurations_fail_with_the_key(string name, string key)
    {
        var result = Validator.Validate(null, Invalid(name));
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }

    private static IpfsOptions Invalid(string name) => name switch
    {
        "no-api" => new IpfsOptions { Serve = true },
        "bad-api" => new IpfsOptions { Publish = true, Api = "not an address" },
        "no-gateway" => new IpfsOptions { Api = Api, RewriteManifests = ManifestUrlRewrite.GatewayUrls },
        "relative-gateway" => new IpfsOptions { Api = Api, RewriteManifests = ManifestUrlRewrite.GatewayUrls, GatewayUrl = "/relative" },
        "unknown-rewrite" => new IpfsOptions { Api = Api, RewriteManifests = (ManifestUrlRewrite)7 },
        "zero-timeout" => new IpfsOptions { Api = Api, Timeout = TimeSpan.Zero },
        "huge-read-timeout" => new IpfsOptions { Api = Api, ReadTimeout = TimeSpan.FromHours(1) },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private const string Api = "/ip4/1.2.3.4/tcp/5001";
}
