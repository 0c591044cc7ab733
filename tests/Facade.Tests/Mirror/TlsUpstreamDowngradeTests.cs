using System.Net;
using System.Text.Json;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Tests.Mirror;

/// <summary>
/// An upstream on a real TLS server (Kestrel with a certificate from a CA made in the test, trusted
/// through <c>Facade:Upstreams:&lt;name&gt;:CaFile</c>) that sends the facade to plain http: a blob
/// redirect and a token realm. Leaving TLS is refused with a 502 envelope and nothing is fetched
/// from the http side; the same moves staying on https work and serve the bytes.
/// </summary>
public sealed class TlsUpstreamDowngradeTests : IAsyncLifetime
{
    private static readonly byte[] Blob = "layer bytes behind a TLS upstream"u8.ToArray();
    private static readonly Digest BlobDigest = Digest.Sha256Of(Blob);
    private const string Token = "token-from-the-realm";

    private readonly TempDir _dir = new("tls-up");
    private TestCertificates _ca = null!;
    private LocalWebServer _plain = null!;
    private int _plainHits;

    public async Task InitializeAsync()
    {
        _ca = TestCertificates.CreateAuthority();
        _dir.WriteFile("ca.pem", _ca.AuthorityPem);
        // The http side: it would serve the blob and a token to anyone who came.
        _plain = await LocalWebServer.StartAsync(app => app.Run(context =>
        {
            Interlocked.Increment(ref _plainHits);
            return context.Request.Path.StartsWithSegments("/token")
                ? context.Response.WriteAsJsonAsync(new { token = Token })
                : context.Response.Body.WriteAsync(Blob).AsTask();
        }));
    }

    public async Task DisposeAsync()
    {
        await _plain.DisposeAsync();
        _ca.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_blob_redirect_from_https_to_http_is_refused_and_one_staying_on_https_serves_the_bytes()
    {
        await using var upstream = await TlsUpstream(context =>
        {
            var path = context.Request.Path.Value!;
            if (path == "/storage/blob") return context.Response.Body.WriteAsync(Blob).AsTask();
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = path.StartsWith("/v2/team/down/", StringComparison.Ordinal)
                ? new Uri(_plain.BaseUri, "/blob").ToString()
                : $"https://127.0.0.1:{context.Connection.LocalPort}/storage/blob";
            return Task.CompletedTask;
        });
        var facade = await StartFacadeAsync(upstream, ca: true);
        try
        {
            await AssertDowngradeRefusedAsync(facade, $"/v2/team/down/blobs/{BlobDigest}", "redirect");
            Assert.Equal(0, Volatile.Read(ref _plainHits));

            Assert.Equal(Blob, await facade.Client.GetByteArrayAsync($"/v2/team/same/blobs/{BlobDigest}"));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task A_token_realm_on_http_behind_an_https_upstream_is_refused_and_an_https_realm_works()
    {
        await using var downgrading = await TokenUpstream(_ => new Uri(_plain.BaseUri, "/token").ToString());
        await using var keeping = await TokenUpstream(context => $"https://127.0.0.1:{context.Connection.LocalPort}/token");
        var facade = await FacadeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Facade:Upstreams:down:Url"] = downgrading.BaseUri.ToString(),
            ["Facade:Upstreams:down:CaFile"] = _dir["ca.pem"],
            ["Facade:Upstreams:down:Username"] = "puller",
            ["Facade:Upstreams:down:Password"] = "never-over-http",
            ["Facade:Upstreams:same:Url"] = keeping.BaseUri.ToString(),
            ["Facade:Upstreams:same:CaFile"] = _dir["ca.pem"],
            ["Facade:DefaultUpstream"] = "down",
            ["Facade:Timeouts:Attempts"] = "1",
        });
        try
        {
            await AssertDowngradeRefusedAsync(facade, $"/v2/down/team/app/blobs/{BlobDigest}", "token realm");
            Assert.Equal(0, Volatile.Read(ref _plainHits));

            Assert.Equal(Blob, await facade.Client.GetByteArrayAsync($"/v2/same/team/app/blobs/{BlobDigest}"));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Without_the_ca_file_the_upstream_certificate_is_not_trusted_and_the_client_gets_an_envelope()
    {
        await using var upstream = await TlsUpstream(context => context.Response.Body.WriteAsync(Blob).AsTask());
        var facade = await StartFacadeAsync(upstream, ca: false);
        try
        {
            using var response = await facade.Client.GetAsync($"/v2/team/app/blobs/{BlobDigest}");
            Assert.True((int)response.StatusCode is 502 or 503, $"status {(int)response.StatusCode}");
            Assert.Equal("UNAVAILABLE", await Auth.AuthRequests.ErrorCodeAsync(response));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Theory]
    [InlineData("absent.pem", "does not exist")]
    [InlineData("garbage.pem", "holds no PEM certificate")]
    public async Task A_ca_file_that_is_missing_or_holds_no_certificate_refuses_to_start(string file, string reason)
    {
        _dir.WriteFile("garbage.pem", "not a certificate\n");
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => FacadeHost.StartAsync(
            FacadeHost.MirrorOf("secure", new Uri("https://127.0.0.1:9"), ("Facade:Upstreams:secure:CaFile", _dir[file]))));
        Assert.Contains($"Facade:Upstreams:secure:CaFile '{_dir[file]}' {reason}", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>An https upstream whose every request is handled by <paramref name="handle"/>.</summary>
    private Task<LocalWebServer> TlsUpstream(RequestDelegate handle) =>
        LocalWebServer.StartAsync(app => app.Run(handle), certificate: _ca.IssueServer(IPAddress.Loopback));

    /// <summary>
    /// An https registry with Bearer auth whose challenge names the realm <paramref name="realm"/>
    /// picks; its own <c>/token</c> issues the one token it accepts.
    /// </summary>
    private Task<LocalWebServer> TokenUpstream(Func<HttpContext, string> realm) => TlsUpstream(context =>
    {
        if (context.Request.Path.StartsWithSegments("/token")) return context.Response.WriteAsJsonAsync(new { token = Token });
        if (context.Request.Headers.Authorization.ToString() == "Bearer " + Token) return context.Response.Body.WriteAsync(Blob).AsTask();
        context.Response.StatusCode = 401;
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm(context)}\",service=\"tls-test\",scope=\"repository:team/app:pull\"";
        return Task.CompletedTask;
    });

    private Task<FacadeHost> StartFacadeAsync(LocalWebServer upstream, bool ca) =>
        FacadeHost.StartAsync(FacadeHost.MirrorOf("secure", upstream.BaseUri,
            [("Facade:Timeouts:Attempts", "1"), .. ca ? [("Facade:Upstreams:secure:CaFile", _dir["ca.pem"])] : Array.Empty<(string, string)>()]));

    private static async Task AssertDowngradeRefusedAsync(FacadeHost facade, string path, string what)
    {
        using var response = await facade.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("layer bytes", body, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("errors")[0];
        Assert.Equal("UNAVAILABLE", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(what, message, StringComparison.Ordinal);
        Assert.Contains("from https down to http", message, StringComparison.Ordinal);
    }
}
