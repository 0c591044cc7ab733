using Facade.Shared.Client;
using Facade.TestSupport;

namespace Facade.Shared.Tests.Client;

/// <summary>
/// A token service that refuses is told apart from one that is down: the first is the
/// credentials' fault (with the service's reason), the second an outage. Real registry with token
/// auth, real token server.
/// </summary>
public sealed class TokenFailureTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "s3cret-pass" };

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_refusing_token_service_is_a_refusal_with_its_reason_and_a_stopped_one_an_outage()
    {
        using var dir = new TempDir("tokfail");
        var tokens = await TokenServer.StartAsync(dir, new TokenServerOptions { Users = Users });
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Token = tokens, Quiet = true });
        try
        {
            using var wrong = registry.CreateClient(new RegistryCredential("alice", "not-it"));
            var refused = await Assert.ThrowsAsync<RegistryAuthException>(() => wrong.GetManifestAsync("team/app", "v1"));
            Assert.True(refused.IsRefusal);
            Assert.Equal(401, refused.StatusCode);
            Assert.Equal("bad credentials", refused.Reason);
            Assert.DoesNotContain("not-it", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await tokens.DisposeAsync();
        }

        using var client = registry.CreateClient(new RegistryCredential("alice", "s3cret-pass"));
        var down = await Assert.ThrowsAsync<RegistryAuthException>(() => client.GetManifestAsync("team/app", "v1"));
        Assert.False(down.IsRefusal);
        Assert.Null(down.StatusCode);
        Assert.Contains("unreachable", down.Message, StringComparison.Ordinal);
    }
}
