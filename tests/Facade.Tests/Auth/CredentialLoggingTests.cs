using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using static Facade.Tests.Auth.AuthRequests;

namespace Facade.Tests.Auth;

/// <summary>
/// Everything the facade process writes (console or JSON console, access log, scopes, at Debug)
/// while clients log in, pull and push with right and wrong Basic credentials, and while the
/// facade uses its own upstream credentials in a Bearer token flow: no password, bcrypt hash,
/// <c>Authorization</c> value or token may appear in it.
/// </summary>
public sealed class CredentialLoggingTests
{
    private const string ClientPassword = "client-Secr3t-pw";
    private const string WrongPassword = "wrong-Guess3d-pw";
    private const string UpstreamPassword = "upstream-Secr3t-pw";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>A JWT: base64url of a JSON header, a dot, base64url of a JSON payload, a dot.</summary>
    private static readonly Regex JwtShape = new(@"eyJ[\w-]*\.eyJ[\w-]*\.", RegexOptions.CultureInvariant);

    [RequiresToolTheory("docker-registry", "htpasswd", Skopeo.Program)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_secret_reaches_the_log_at_debug_level(bool json)
    {
        using var dir = new TempDir("credlog");
        var htpasswd = dir["htpasswd"];
        await Htpasswd.WriteAsync(htpasswd, new Dictionary<string, string> { [AuthFixture.User] = ClientPassword });
        await using var tokens = await TokenServer.StartAsync(dir, new TokenServerOptions { Users = new Dictionary<string, string> { ["puller"] = UpstreamPassword } });
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Token = tokens, Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1203, LayerSizes = [20_000] });
        using (var client = registry.CreateClient(new RegistryCredential("puller", UpstreamPassword)))
            await image.PushAsync(client, "team/app", "v1");

        await using var facade = await FacadeProcess.StartAsync(registry.BaseUri, dir.CreateDirectory("cache"),
        [
            "--Facade:Upstreams:local:Username=puller", $"--Facade:Upstreams:local:Password={UpstreamPassword}",
            $"--Facade:Upstreams:local:TokenRealms:0={tokens.Authority}", "--Facade:Upstreams:local:Writable=true",
            "--Facade:Push:Enabled=true", $"--Facade:Auth:Htpasswd={htpasswd}", "--Facade:Auth:Pull=Authenticated",
            $"--Facade:Telemetry:JsonConsole={json}", "--Logging:Console:FormatterOptions:IncludeScopes=true",
            "--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Microsoft.AspNetCore=Debug", "--Logging:LogLevel:System.Net.Http.HttpClient=Debug",
        ], outputLines: 200_000);
        var tokensBefore = tokens.Requests;
        await ExerciseAsync(facade, image);
        Assert.True(tokens.Requests > tokensBefore, "the facade never used its upstream credentials in the token flow");

        // Stopping flushes the console logger's queue; the process's output is then complete.
        await facade.Process.StopAsync(TimeSpan.FromSeconds(30));
        var log = facade.Process.Output.ToString();
        Assert.Contains(json ? "\"LogLevel\":\"Debug\"" : "dbug:", log, StringComparison.Ordinal);
        // The access log saw the refused logins and the pushed manifest: the capture is the whole log.
        Assert.Matches(@"GET \S+ 401 \d+ bytes in", log);
        Assert.Matches(@"PUT \S+ 201 \d+ bytes in", log);
        foreach (var (what, secret) in await SecretsAsync(htpasswd, tokens))
        {
            var at = log.IndexOf(secret, StringComparison.Ordinal);
            Assert.True(at < 0, $"the log contains {what}: ...{log[Math.Max(0, at - 300)..Math.Min(log.Length, at + 100)]}...");
        }
        // Nor any other JWT (the shape is checked on the real ones first).
        Assert.All(tokens.IssuedTokens, token => Assert.Matches(JwtShape, token));
        Assert.False(JwtShape.IsMatch(log), "the log contains a JWT");
    }

    /// <summary>Logins, pulls and pushes through the facade, with right, wrong and no credentials.</summary>
    private static async Task ExerciseAsync(FacadeProcess facade, GeneratedImage image)
    {
        using (var right = await facade.Client.SendAsync(Get("/v2/", AuthFixture.User, ClientPassword)))
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using (var wrong = await facade.Client.SendAsync(Get("/v2/", AuthFixture.User, WrongPassword)))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var wrongPull = await facade.Client.SendAsync(Get("/v2/team/app/manifests/v1", AuthFixture.User, WrongPassword)))
            Assert.Equal(HttpStatusCode.Unauthorized, wrongPull.StatusCode);

        var authority = facade.BaseUri.Authority;
        using var pulled = new TempDir("credlog-pull");
        (await Tool.RunAsync(Skopeo.Program, ["--insecure-policy", "copy", "--src-tls-verify=false", "--src-creds", $"{AuthFixture.User}:{ClientPassword}",
            $"docker://{authority}/team/app:v1", "dir:" + pulled["image"]], Limit)).EnsureSuccess();
        Assert.Equal(image.Layers[0].Bytes, await File.ReadAllBytesAsync(Path.Combine(pulled["image"], image.Layers[0].Digest.Hex.ToString())));

        string[] copy = ["--insecure-policy", "copy", "--retry-times", "0", "--src-tls-verify=false", "--dest-tls-verify=false",
            "--src-creds", $"{AuthFixture.User}:{ClientPassword}", $"docker://{authority}/team/app:v1"];
        var refused = await Tool.RunAsync(Skopeo.Program, [.. copy, "--dest-creds", $"{AuthFixture.User}:{WrongPassword}", $"docker://{authority}/team/refused:v1"], Limit);
        Assert.False(refused.Succeeded);
        (await Tool.RunAsync(Skopeo.Program, [.. copy, "--dest-creds", $"{AuthFixture.User}:{ClientPassword}", $"docker://{authority}/team/copied:v1"], Limit)).EnsureSuccess();
    }

    /// <summary>Passwords, their Basic header values, the bcrypt hashes (whole and without the cost prefix) and every token issued.</summary>
    private static async Task<IReadOnlyList<(string What, string Value)>> SecretsAsync(string htpasswd, TokenServer tokens)
    {
        var secrets = new List<(string, string)> { ("a client password", ClientPassword), ("a wrong client password", WrongPassword), ("the upstream password", UpstreamPassword) };
        foreach (var (user, password) in new[] { (AuthFixture.User, ClientPassword), (AuthFixture.User, WrongPassword), ("puller", UpstreamPassword) })
            secrets.Add(("a Basic Authorization value", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))));
        foreach (var line in await File.ReadAllLinesAsync(htpasswd))
        {
            var hash = line[(line.IndexOf(':') + 1)..];
            secrets.Add(("a bcrypt hash", hash));
            secrets.Add(("a bcrypt salt and digest", hash[7..])); // after "$2y$NN$"
        }
        Assert.NotEmpty(tokens.IssuedTokens);
        secrets.AddRange(tokens.IssuedTokens.Select(t => ("an upstream bearer token", t)));
        return secrets;
    }
}
