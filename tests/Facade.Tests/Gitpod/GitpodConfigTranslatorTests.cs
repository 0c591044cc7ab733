using System.Text.Json;
using Facade.Gitpod;

namespace Facade.Tests.Gitpod;

/// <summary>Gitpod's registry-facade config, as its installer and its example write it, translated to facade settings.</summary>
public sealed class GitpodConfigTranslatorTests
{
    // Shaped like Gitpod's example-config.json and its installer's config map (both provider forms appear in Gitpod's history).
    private const string Full = """
    {
      "dockerAuth": "/mnt/pull-secret/pull-secret.json",
      "registry": {
        "port": 32223,
        "prefix": "facade",
        "staticLayer": [ { "ref": "registry.example.test/supervisor:1", "type": "image" }, { "type": "file", "ref": "example-layer.tar.gz" } ],
        "remoteSpecProvider": [ { "addr": "dns:///ws-manager:8080", "tls": { "ca": "/certs/ca.crt", "crt": "/certs/tls.crt", "key": "/certs/tls.key" } } ],
        "fixedSpecFN": "example-spec.json",
        "store": "/mnt/cache/registry",
        "requireAuth": true,
        "tls": { "crt": "/mnt/certificates/tls.crt", "key": "/mnt/certificates/tls.key" },
        "ipfs": { "enabled": true, "ipfsAddr": "/dns4/$IPFS_HOST/tcp/5001" },
        "redis": { "enabled": true, "singleHostAddr": "redis:6379", "username": "facade", "useTLS": true, "insecureSkipVerify": true }
      },
      "blobserve": { "port": 8081 },
      "pprofAddr": ":6060",
      "prometheusAddr": "127.0.0.1:9500",
      "readinessProbeAddr": ":8086"
    }
    """;

    private static GitpodTranslation Translate(string json, string? password = null)
    {
        using var document = JsonDocument.Parse(json);
        return GitpodConfigTranslator.Translate(document.RootElement, name => name == "REDIS_PASSWORD" ? password : null);
    }

    [Fact]
    public void Every_documented_field_lands_on_the_facade_setting_that_does_the_same()
    {
        var s = Translate(Full, password: "pa,ss").Settings;
        Assert.Equal("https://*:32223", s["Kestrel:Endpoints:Gitpod:Url"]);
        Assert.Equal("/mnt/certificates/tls.crt", s["Kestrel:Endpoints:Gitpod:Certificate:Path"]);
        Assert.Equal("/mnt/certificates/tls.key", s["Kestrel:Endpoints:Gitpod:Certificate:KeyPath"]);
        Assert.Equal("facade", s["Facade:Gitpod:Prefix"]);
        Assert.Equal("registry.example.test/supervisor:1", s["Facade:Composition:StaticLayers:0:Ref"]);
        Assert.Equal("image", s["Facade:Composition:StaticLayers:0:Type"]);
        Assert.Equal("file", s["Facade:Composition:StaticLayers:1:Type"]);
        Assert.Equal("https://ws-manager:8080", s["Facade:Composition:SpecProviders:0:Address"]);
        Assert.Equal("/certs/ca.crt", s["Facade:Composition:SpecProviders:0:CaFile"]);
        Assert.Equal("/certs/tls.crt", s["Facade:Composition:SpecProviders:0:ClientCertificateFile"]);
        Assert.Equal("/certs/tls.key", s["Facade:Composition:SpecProviders:0:ClientKeyFile"]);
        Assert.Equal("example-spec.json", s["Facade:Composition:FixedSpecFile"]);
        Assert.Equal("/mnt/cache/registry", s["Facade:Cache:Directory"]);
        Assert.Equal("Authenticated", s["Facade:Auth:Pull"]);
        Assert.Equal("true", s["Facade:Auth:AnyCredentials"]);
        Assert.Equal("/dns4/$IPFS_HOST/tcp/5001", s["Facade:Ipfs:Api"]);
        Assert.Equal("true", s["Facade:Ipfs:Serve"]);
        Assert.Equal("redis:6379,ssl=true,user=facade", s["Facade:Redis:Configuration"]);
        Assert.Equal("pa,ss", s["Facade:Redis:Password"]);
        Assert.Equal("true", s["Facade:Redis:InsecureSkipVerify"]);
        Assert.Equal("/mnt/pull-secret/pull-secret.json", s["Facade:OnDemandUpstreams:DockerConfig"]);
        Assert.Equal("true", s["Facade:OnDemandUpstreams:Enabled"]);
        Assert.Equal("http://127.0.0.1:9500", s["Kestrel:Endpoints:GitpodMetrics:Url"]);
        Assert.Equal("9500", s["Facade:Gitpod:MetricsPort"]);
        Assert.Equal("http://*:8086", s["Kestrel:Endpoints:GitpodReadiness:Url"]);
        Assert.Equal("8086", s["Facade:Gitpod:ReadinessPort"]);
    }

    [Fact]
    public void Keys_without_meaning_here_are_reported_not_fatal()
    {
        var translation = Translate(Full.Replace("\"store\"", "\"surprise\": 1, \"store\""));
        Assert.Equal(["blobserve", "pprofAddr", "registry.surprise"], translation.UnknownKeys.Order());
        var reported = translation.Settings.Where(e => e.Key.StartsWith("Facade:Gitpod:UnknownKeys:", StringComparison.Ordinal)).Select(e => e.Value);
        Assert.Equal(["blobserve", "pprofAddr", "registry.surprise"], reported.Order());
    }

    [Fact]
    public void A_single_provider_object_as_older_versions_write_it_is_accepted_and_plain_without_tls()
    {
        var s = Translate("""{ "registry": { "port": 8080, "remoteSpecProvider": { "addr": "ws-manager:8080" }, "requireAuth": false } }""").Settings;
        Assert.Equal("http://ws-manager:8080", s["Facade:Composition:SpecProviders:0:Address"]);
        Assert.Equal("http://*:8080", s["Kestrel:Endpoints:Gitpod:Url"]);
        Assert.False(s.ContainsKey("Facade:Auth:Pull"));
        Assert.False(s.ContainsKey("Facade:Redis:Configuration"));
    }

    [Fact]
    public void Ipfs_without_redis_is_refused_as_gitpod_refuses_it()
    {
        var error = Assert.Throws<GitpodConfigException>(() => Translate("""{ "registry": { "ipfs": { "enabled": true, "ipfsAddr": "/ip4/127.0.0.1/tcp/5001" } } }"""));
        Assert.Contains("requires Redis", error.Message);
        error = Assert.Throws<GitpodConfigException>(() => Translate(
            """{ "registry": { "ipfs": { "enabled": true, "ipfsAddr": "/ip4/127.0.0.1/tcp/5001" }, "redis": { "enabled": false, "singleHostAddr": "r:6379" } } }"""));
        Assert.Contains("requires Redis", error.Message);
    }

    [Theory]
    [InlineData("""{ "registry": { "port": "8080" } }""", "registry.port")]
    [InlineData("""{ "registry": { "requireAuth": "yes" } }""", "registry.requireAuth")]
    [InlineData("""{ "prometheusAddr": "nowhere" }""", "prometheusAddr")]
    [InlineData("""{ "registry": { "redis": { "enabled": true } } }""", "registry.redis.singleHostAddr")]
    [InlineData("""[]""", "not a JSON object")]
    public void Malformed_values_name_their_key(string json, string named)
    {
        var error = Assert.Throws<GitpodConfigException>(() => Translate(json));
        Assert.Contains(named, error.Message);
    }
}
