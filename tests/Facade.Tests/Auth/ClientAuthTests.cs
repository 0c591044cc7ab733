using System.Net;
using Facade.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Facade.Tests.Auth.AuthRequests;

namespace Facade.Tests.Auth;

/// <summary>The authentication policy over HTTP, against a real registry and a file written by <c>htpasswd -B</c>.</summary>
public sealed class ClientAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private string ManifestPath => $"/v2/{AuthFixture.Image}/manifests/v1";

    [Fact]
    public async Task Htpasswd_writes_2y_bcrypt_hashes_and_they_verify()
    {
        Assert.All(await File.ReadAllLinesAsync(fixture.HtpasswdPath), line => Assert.Contains(":$2y$", line));
        using var response = await fixture.Closed.Client.SendAsync(Get("/v2/", AuthFixture.User, AuthFixture.Password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(AuthFixture.User, "wrong")]
    [InlineData("mallory", AuthFixture.Password)]
    [InlineData("", "")]
    public async Task Base_route_without_valid_credentials_is_401_with_a_basic_challenge_and_an_envelope(string? user, string? password)
    {
        foreach (var facade in new[] { fixture.Open, fixture.Closed })
        {
            using var response = await facade.Client.SendAsync(Get("/v2/", user, password));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic realm=\"registry facade\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
            Assert.Equal("UNAUTHORIZED", await ErrorCodeAsync(response));
            Assert.Equal("registry/2.0", Assert.Single(response.Headers.GetValues("Docker-Distribution-API-Version")));
        }
    }

    [Fact]
    public async Task Anonymous_pull_policy_serves_pulls_without_credentials_but_refuses_wrong_ones()
    {
        using var anonymous = await fixture.Open.Client.SendAsync(Get(ManifestPath));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(fixture.Pushed.Digest.Value, anonymous.Headers.GetValues("Docker-Content-Digest").Single());
        // What containers/image sends after a Basic challenge when it has no credentials.
        using var empty = await fixture.Open.Client.SendAsync(Get(ManifestPath, "", ""));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        using var wrong = await fixture.Open.Client.SendAsync(Get(ManifestPath, AuthFixture.User, "nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var good = await fixture.Open.Client.SendAsync(Get(ManifestPath, AuthFixture.User, AuthFixture.Password));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Authenticated_pull_policy_refuses_anonymous_manifest_blob_and_tag_reads()
    {
        var blob = fixture.Pushed.Layers[0].Digest;
        foreach (var path in new[] { ManifestPath, $"/v2/{AuthFixture.Image}/blobs/{blob}", $"/v2/{AuthFixture.Image}/tags/list" })
        {
            using var refused = await fixture.Closed.Client.SendAsync(Get(path));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("UNAUTHORIZED", await ErrorCodeAsync(refused));
            using var allowed = await fixture.Closed.Client.SendAsync(Get(path, "bob", "builder"));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var head = await fixture.Closed.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, ManifestPath));
        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Push_needs_credentials_even_when_pulls_are_anonymous()
    {
        var blob = ImageGenerator.Image(new ImageSpec { Seed = 1202, LayerSizes = [1_000] }).Layers[0];
        using var refused = await fixture.Open.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v2/team/pushed-auth/blobs/uploads/"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("UNAUTHORIZED", await ErrorCodeAsync(refused));
        Assert.Null(await fixture.Upstream.HeadBlobAsync("team/pushed-auth", blob.Digest));

        var post = With(new HttpRequestMessage(HttpMethod.Post, $"/v2/team/pushed-auth/blobs/uploads/?digest={blob.Digest}")
            { Content = new ByteArrayContent(blob.Bytes) }, AuthFixture.User, AuthFixture.Password);
        using var created = await fixture.Open.Client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(blob.Size, await fixture.Upstream.HeadBlobAsync("team/pushed-auth", blob.Digest));
    }

    [Fact]
    public async Task Failed_attempts_are_limited_per_address_with_429_and_retry_after_until_the_window_ends()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var facade = await fixture.StartAsync(clock, "Authenticated", ("Facade:Auth:MaxFailures", "3"), ("Facade:Auth:FailureWindow", "00:01:00"));
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await facade.Client.SendAsync(Get("/v2/", AuthFixture.User, "guess" + i));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // Now even the right password is not looked at: the address must wait.
        using var limited = await facade.Client.SendAsync(Get("/v2/", AuthFixture.User, AuthFixture.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("TOOMANYREQUESTS", await ErrorCodeAsync(limited));
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(59), TimeSpan.FromMinutes(1));

        clock.Advance(retryAfter - TimeSpan.FromSeconds(2));
        using (var early = await facade.Client.SendAsync(Get("/v2/", AuthFixture.User, AuthFixture.Password)))
            Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(3));
        using var after = await facade.Client.SendAsync(Get("/v2/", AuthFixture.User, AuthFixture.Password));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_user_removed_from_the_htpasswd_file_loses_access_although_recently_verified()
    {
        using var dir = new TempDir("auth-reload");
        var path = dir["htpasswd"];
        await Htpasswd.WriteAsync(path, new Dictionary<string, string> { ["carol"] = "first", ["dave"] = "second" });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var facade = await Facade.Tests.Infrastructure.FacadeHost.StartAsync(Facade.Tests.Infrastructure.FacadeHost.MirrorOf(
            "local", fixture.Registry.BaseUri, ("Facade:Auth:Htpasswd", path), ("Facade:Auth:Pull", "Authenticated")),
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        using (var before = await facade.Client.SendAsync(Get(ManifestPath, "carol", "first")))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await Htpasswd.WriteAsync(path, new Dictionary<string, string> { ["dave"] = "second" });
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(2)); // the file is looked at no more than once a second
        using var removed = await facade.Client.SendAsync(Get(ManifestPath, "carol", "first"));
        Assert.Equal(HttpStatusCode.Unauthorized, removed.StatusCode);
        using var kept = await facade.Client.SendAsync(Get(ManifestPath, "dave", "second"));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task Metrics_and_health_stay_reachable_without_credentials()
    {
        using var ready = await fixture.Closed.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var metrics = await fixture.Closed.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }
}
