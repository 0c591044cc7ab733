using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Facade.Gitpod;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Facade.Tests.Gitpod;

/// <summary>
/// The facade started with only a Gitpod registry-facade config (written the way Gitpod's
/// example-config.json is) in front of a real registry that needs credentials: images named in
/// the fixed spec come from a registry that is no configured upstream, with dockerAuth's login.
/// </summary>
public sealed class GitpodDropInTests : IAsyncLifetime
{
    private const string User = "puller";
    private const string Password = "pull-secret";
    private readonly TempDir _dir = new("gitpod");
    private readonly int _port = FreePort.Next();
    private readonly int _metricsPort = FreePort.Next();
    private readonly int _readyPort = FreePort.Next();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromMinutes(1) };
    private DistributionRegistry _registry = null!;
    private FacadeHost _facade = null!;
    private GeneratedImage _base = null!;
    private GeneratedImage _ide = null!;

    public async Task InitializeAsync()
    {
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions
            { HtpasswdUsers = new Dictionary<string, string> { [User] = Password }, Quiet = true });
        using (var upstream = _registry.CreateClient(new Facade.Shared.Client.RegistryCredential(User, Password)))
        {
            _base = ImageGenerator.Image(new ImageSpec { Seed = 1301, LayerSizes = [20_000], Env = ["PATH=/usr/bin"] });
            _ide = ImageGenerator.Image(new ImageSpec { Seed = 1302, LayerSizes = [9_000], Env = ["GITPOD_ENV_APPEND_PATH=/ide/bin:"] });
            await _base.PushAsync(upstream, "base/app", "v1");
            await _ide.PushAsync(upstream, "tools/ide", "v1");
        }
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        var dockerAuth = _dir.WriteFile("pull-secret.json", $$"""{ "auths": { "{{_registry.Authority}}": { "auth": "{{auth}}" } } }""");
        var specs = _dir.WriteFile("example-spec.json", $$"""
            { "ws1": { "baseRef": "{{_registry.Authority}}/base/app:v1", "ideRef": "{{_registry.Authority}}/tools/ide:v1" } }
            """);
        var config = _dir.WriteFile("config.json", $$"""
            {
              "dockerAuth": "{{dockerAuth}}",
              "registry": {
                "port": {{_port}},
                "prefix": "facade",
                "staticLayer": [],
                "store": "{{_dir["store"]}}",
                "requireAuth": true,
                "fixedSpecFN": "{{specs}}"
              },
              "blobserve": { "port": 8081, "timeout": "5s" },
              "pprofAddr": ":6060",
              "prometheusAddr": "127.0.0.1:{{_metricsPort}}",
              "readinessProbeAddr": ":{{_readyPort}}"
            }
            """);
        _facade = await FacadeHost.StartAsync(new Dictionary<string, string?> { ["gitpod-config"] = config });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _facade.DisposeAndDeleteCacheAsync();
        await _registry.DisposeAsync();
        _dir.Dispose();
    }

    private Task<HttpResponseMessage> Get(int port, string path, bool credentials = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        // requireAuth as Gitpod: any Basic credentials will do.
        if (credentials) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("kubelet:anything"u8.ToArray()));
        return _http.SendAsync(request);
    }

    [Fact]
    public async Task Composed_image_is_served_under_the_prefix_from_a_registry_reached_with_docker_auth()
    {
        using var manifest = await Get(_port, "/facade/v2/fixed/ws1/manifests/latest");
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        using var document = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        var layers = document.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()).ToArray();
        Assert.Equal(_base.Layers.Concat(_ide.Layers).Select(l => l.Digest.Value), layers);

        var ideLayer = _ide.Layers[0];
        using var blob = await Get(_port, $"/facade/v2/fixed/ws1/blobs/{ideLayer.Digest}");
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        Assert.Equal(ideLayer.Bytes, await blob.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Require_auth_asks_for_basic_credentials_and_the_api_lives_only_under_the_prefix()
    {
        using var anonymous = await Get(_port, "/facade/v2/", credentials: false);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        using var base2 = await Get(_port, "/facade/v2/");
        Assert.Equal(HttpStatusCode.OK, base2.StatusCode);
        using var unprefixed = await Get(_port, "/v2/fixed/ws1/manifests/latest");
        Assert.Equal(HttpStatusCode.NotFound, unprefixed.StatusCode);
    }

    [Fact]
    public async Task Metrics_and_readiness_listen_on_their_own_ports_and_serve_nothing_else()
    {
        using var metrics = await Get(_metricsPort, "/metrics", credentials: false);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync());
        using var noApi = await Get(_metricsPort, "/facade/v2/");
        Assert.Equal(HttpStatusCode.NotFound, noApi.StatusCode);
        using var ready = await Get(_readyPort, "/ready", credentials: false);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var live = await Get(_readyPort, "/live", credentials: false);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var noMetrics = await Get(_readyPort, "/metrics", credentials: false);
        Assert.Equal(HttpStatusCode.NotFound, noMetrics.StatusCode);
    }

    [Fact]
    public void Keys_this_facade_does_not_use_are_reported()
    {
        var unknown = _facade.Services.GetRequiredService<IConfiguration>().GetSection("Facade:Gitpod:UnknownKeys").Get<string[]>();
        Assert.Equal(["blobserve", "pprofAddr"], unknown!.Order());
    }

    [Fact]
    public async Task Ipfs_without_redis_stops_the_start()
    {
        var config = _dir.WriteFile("ipfs.json", """{ "registry": { "port": 1, "ipfs": { "enabled": true, "ipfsAddr": "/ip4/127.0.0.1/tcp/5001" } } }""");
        var error = await Assert.ThrowsAsync<GitpodConfigException>(() => FacadeHost.StartAsync(new Dictionary<string, string?> { ["gitpod-config"] = config }));
        Assert.Contains("requires Redis", error.Message);
    }

    [Fact]
    public async Task Tls_from_the_config_serves_the_api_over_https_with_that_certificate()
    {
        using var authority = TestCertificates.CreateAuthority();
        using var certificate = authority.IssueServer();
        var crt = _dir.WriteFile("tls.crt", certificate.ExportCertificatePem());
        var key = _dir.WriteFile("tls.key", certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var port = FreePort.Next();
        var config = _dir.WriteFile("tls.json", $$"""
            { "registry": { "port": {{port}}, "prefix": "facade", "tls": { "crt": "{{crt}}", "key": "{{key}}" } } }
            """);
        var facade = await FacadeHost.StartAsync(new Dictionary<string, string?> { ["gitpod-config"] = config });
        try
        {
            string? presented = null;
            using var trusting = new HttpClient(new SocketsHttpHandler
            {
                UseProxy = false,
                SslOptions =
                {
                    // Trust exactly the test's authority, as a node given Gitpod's CA would.
                    RemoteCertificateValidationCallback = (_, served, _, _) =>
                    {
                        if (served is null) return false;
                        using var leaf = X509CertificateLoader.LoadCertificate(served.GetRawCertData());
                        presented = leaf.Thumbprint;
                        using var chain = new X509Chain();
                        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(authority.AuthorityPem));
                        return chain.Build(leaf);
                    },
                },
            });
            using var base2 = await trusting.GetAsync($"https://127.0.0.1:{port}/facade/v2/");
            Assert.Equal(HttpStatusCode.OK, base2.StatusCode);
            Assert.Equal(certificate.Thumbprint, presented);
            // The port speaks TLS only: a plain request gets no API answer.
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.GetAsync($"http://127.0.0.1:{port}/facade/v2/"));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
