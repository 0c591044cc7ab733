using System.Text.Json;
using Facade.TestSupport;

namespace Facade.Tests.Auth;

/// <summary>
/// The Docker engine (a private <c>dockerd</c> and the <c>docker</c> CLI) against the facade with
/// authentication on: <c>docker login</c> checks the password through the daemon, and with
/// <c>Pull=Authenticated</c> a pull is refused until the CLI holds a login.
/// </summary>
public sealed class DockerAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static Task<ToolResult> Login(DockerDaemon docker, string registry, string password) =>
        docker.DockerAsync("login", "--username", AuthFixture.User, "--password", password, registry);

    /// <summary>Registries the CLI holds a login for, from its <c>config.json</c>.</summary>
    private static IReadOnlyList<string> StoredLogins(DockerDaemon docker)
    {
        var path = Path.Combine(docker.ConfigDirectory, "config.json");
        if (!File.Exists(path)) return [];
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("auths", out var auths) ? auths.EnumerateObject().Select(p => p.Name).ToArray() : [];
    }

    [RequiresToolFact(DockerDaemon.Program, DockerDaemon.Cli, "docker-registry", Root = true)]
    public async Task Docker_login_fails_with_a_wrong_password_and_succeeds_with_the_right_one()
    {
        await using var docker = await DockerDaemon.StartAsync();
        var registry = fixture.Closed.Authority;

        var refused = await Login(docker, registry, "not-the-password");
        Assert.False(refused.Succeeded, refused.StandardOutput);
        Assert.Contains("unauthorized", refused.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(registry, StoredLogins(docker));

        var accepted = await Login(docker, registry, AuthFixture.Password);
        Assert.True(accepted.Succeeded, accepted.StandardError + docker.Output);
        Assert.Contains("Login Succeeded", accepted.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(registry, StoredLogins(docker));
    }

    [RequiresToolFact(DockerDaemon.Program, DockerDaemon.Cli, "docker-registry", Root = true)]
    public async Task Docker_pull_of_a_mirrored_image_needs_the_login_when_pulls_are_authenticated()
    {
        await using var docker = await DockerDaemon.StartAsync();
        var reference = $"{fixture.Closed.Authority}/{AuthFixture.Image}:v1";

        var refused = await docker.DockerAsync("pull", reference);
        Assert.False(refused.Succeeded, refused.StandardOutput);
        // What the engine says when a registry answers 401 with a Basic challenge and it holds no login.
        Assert.Contains("no basic auth credentials", refused.StandardError, StringComparison.Ordinal);
        Assert.False((await docker.DockerAsync("image", "inspect", reference)).Succeeded);

        (await Login(docker, fixture.Closed.Authority, AuthFixture.Password)).EnsureSuccess();
        var pulled = await docker.DockerAsync("pull", reference);
        Assert.True(pulled.Succeeded, pulled.StandardError + docker.Output);
        // The engine's image id is the digest of the image's config: the very image pushed upstream.
        var id = (await docker.DockerAsync("image", "inspect", "--format", "{{.Id}}", reference)).EnsureSuccess().StandardOutput.Trim();
        Assert.Equal(fixture.Pushed.Config.Digest.Value, id);
    }
}
