using Facade.TestSupport;

namespace Facade.Tests.Auth;

/// <summary>
/// Real skopeo against the facade with authentication on: <c>skopeo login</c> checks the
/// password, the stored login is used for pulls and pushes, and without it the facade refuses.
/// </summary>
public sealed class SkopeoAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static Task<ToolResult> Login(string authFile, string registry, string password) =>
        Tool.RunAsync(Skopeo.Program, ["login", "--tls-verify=false", "--authfile", authFile, "-u", AuthFixture.User, "-p", password, registry], Limit);

    [RequiresToolFact("skopeo")]
    public async Task Login_succeeds_with_the_right_password_only()
    {
        using var dir = new TempDir("skl");
        Assert.False((await Login(dir["auth.json"], fixture.Closed.Authority, "not-it")).Succeeded);
        (await Login(dir["auth.json"], fixture.Closed.Authority, AuthFixture.Password)).EnsureSuccess();
        Assert.Contains(fixture.Closed.Authority, await File.ReadAllTextAsync(dir["auth.json"]));
    }

    [RequiresToolFact("skopeo")]
    public async Task Pull_through_an_authenticated_facade_needs_the_login()
    {
        using var dir = new TempDir("skp");
        var source = $"docker://{fixture.Closed.Authority}/{AuthFixture.Image}:v1";
        var refused = await Tool.RunAsync(Skopeo.Program, ["--insecure-policy", "copy", "--retry-times", "0", "--src-tls-verify=false",
            "--src-no-creds", source, "dir:" + dir["anonymous"]], Limit);
        Assert.False(refused.Succeeded);
        Assert.Contains("unauthorized", refused.StandardError, StringComparison.OrdinalIgnoreCase);

        (await Login(dir["auth.json"], fixture.Closed.Authority, AuthFixture.Password)).EnsureSuccess();
        (await Tool.RunAsync(Skopeo.Program, ["--insecure-policy", "copy", "--src-tls-verify=false", "--src-authfile", dir["auth.json"],
            source, "dir:" + dir["pulled"]], Limit)).EnsureSuccess();
        foreach (var layer in fixture.Pushed.Layers)
            Assert.Equal(layer.Bytes, await File.ReadAllBytesAsync(Path.Combine(dir["pulled"], layer.Digest.Hex.ToString())));
    }

    [RequiresToolFact("skopeo")]
    public async Task Anonymous_pulls_work_without_a_login_when_the_policy_allows_them()
    {
        using var dir = new TempDir("ska");
        (await Tool.RunAsync(Skopeo.Program, ["--insecure-policy", "copy", "--src-tls-verify=false", "--src-no-creds",
            $"docker://{fixture.Open.Authority}/{AuthFixture.Image}:v1", "dir:" + dir["pulled"]], Limit)).EnsureSuccess();
        Assert.True(File.Exists(Path.Combine(dir["pulled"], fixture.Pushed.Layers[0].Digest.Hex.ToString())));
    }

    [RequiresToolFact("skopeo")]
    public async Task Push_through_the_facade_needs_the_login()
    {
        using var dir = new TempDir("sku");
        var source = $"docker://{fixture.Registry.Authority}/{AuthFixture.Image}:v1";
        var target = $"docker://{fixture.Open.Authority}/team/skopeo-auth:v1";
        var refused = await Tool.RunAsync(Skopeo.Program, ["--insecure-policy", "copy", "--retry-times", "0", "--src-tls-verify=false",
            "--dest-tls-verify=false", "--dest-no-creds", source, target], Limit);
        Assert.False(refused.Succeeded);
        Assert.Null(await fixture.Upstream.HeadManifestAsync("team/skopeo-auth", "v1"));

        (await Login(dir["auth.json"], fixture.Open.Authority, AuthFixture.Password)).EnsureSuccess();
        (await Tool.RunAsync(Skopeo.Program, ["--insecure-policy", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
            "--dest-authfile", dir["auth.json"], source, target], Limit)).EnsureSuccess();
        Assert.Equal(fixture.Pushed.Digest, (await fixture.Upstream.HeadManifestAsync("team/skopeo-auth", "v1"))!.Digest);
    }
}
