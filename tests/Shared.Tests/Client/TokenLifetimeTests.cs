using System.Net;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Shared.Tests.Client;

/// <summary>Token expiry and streamed bodies against the reference registry with token auth.</summary>
public sealed class TokenLifetimeTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Users = new() { ["bob"] = "pw-for-bob" };
    private readonly TempDir _dir = new("tlt");
    private TokenServer _tokens = null!;
    private DistributionRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        if (RequiredTool.Find(DistributionRegistry.Program) is null) return;
        _tokens = await TokenServer.StartAsync(_dir, new TokenServerOptions { Users = Users, OmitExpiresIn = true });
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Token = _tokens, Counting = true });
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null) await _registry.DisposeAsync();
        if (_tokens is not null) await _tokens.DisposeAsync();
        _dir.Dispose();
    }

    private CredentialStore Store() => new CredentialStore().Add(_registry.Authority, new RegistryCredential("bob", "pw-for-bob")
    {
        TrustedRealmHosts = new HashSet<string> { _tokens.Authority },
    });

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_token_without_expires_in_is_used_for_under_sixty_seconds()
    {
        var clock = new ShiftedClock();
        using var client = RegistryClient.Create(_registry.BaseUri, new RegistryHttpOptions { Credentials = Store(), Time = clock });

        Assert.Null(await client.GetManifestAsync("life/app", "v1"));
        var first = _tokens.Requests;
        clock.Shift = TimeSpan.FromSeconds(45);
        Assert.Null(await client.GetManifestAsync("life/app", "v1"));
        var reused = _tokens.Requests;
        clock.Shift = TimeSpan.FromSeconds(61);
        Assert.Null(await client.GetManifestAsync("life/app", "v1"));

        Assert.Equal(1, first);
        Assert.Equal(1, reused);
        Assert.Equal(2, _tokens.Requests);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_large_streamed_body_is_sent_once_after_a_preflight()
    {
        using var pusher = _registry.CreateClient(new RegistryCredential("bob", "pw-for-bob"));
        await pusher.PingAsync();
        var bytes = new byte[6 * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        var digest = Digest.Sha256Of(bytes);
        using var http = RegistryHttp.CreateClient(new RegistryHttpOptions { Credentials = Store() });
        using var start = await http.PostAsync(new Uri(_registry.BaseUri, "/v2/big/blob/blobs/uploads/"), null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = new Uri(_registry.BaseUri, start.Headers.Location!);
        _registry.Counter!.Reset();
        using var fresh = RegistryHttp.CreateClient(new RegistryHttpOptions { Credentials = Store() });
        using var body = new StreamContent(new MemoryStream(bytes));
        body.Headers.ContentLength = bytes.Length;

        using var put = await fresh.PutAsync(new Uri(location + "&digest=" + digest), body);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(1, _registry.Counter.Count("GET", "/v2/"));
        Assert.Single(_registry.Counter.Log, line => line.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.Equal(bytes.Length, await pusher.HeadBlobAsync("big/blob", digest));
    }
}
