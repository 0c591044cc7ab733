using System.Net.Http.Headers;
using Facade.Shared.Client;

namespace Facade.Shared.Tests.Client;

/// <summary>Challenge parsing, scope inference and the realm credential rule, as tables.</summary>
public sealed class AuthParsingTests
{
    [Theory]
    [InlineData("Bearer", """realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull" """,
        "https://auth.example/token", "registry.example", "repository:a/b:pull")]
    [InlineData("Bearer", """realm="http://127.0.0.1:9/t", scope="repository:x:pull repository:y:pull,push" """,
        "http://127.0.0.1:9/t", null, "repository:x:pull|repository:y:pull,push")]
    [InlineData("Bearer", """Realm=https://auth.example/token,Service=svc""", "https://auth.example/token", "svc", "")]
    [InlineData("Basic", """realm="Registry Realm" """, "Registry Realm", null, "")]
    [InlineData("Bearer", """realm="quote \" inside",error="insufficient_scope" """, "quote \" inside", null, "")]
    [InlineData("Bearer", """realm""", null, null, "")]
    public void Parses_challenges(string scheme, string parameters, string? realm, string? service, string scopes)
    {
        var challenge = AuthChallenge.Parse(new AuthenticationHeaderValue(scheme, parameters.Trim()));

        Assert.Equal(realm, challenge.Realm);
        Assert.Equal(service, challenge.Service);
        Assert.Equal(scopes, string.Join('|', challenge.Scopes));
    }

    [Fact]
    public void Prefers_a_bearer_challenge_among_several()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"r\""));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Negotiate"));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"https://a.example/t\""));

        Assert.True(AuthChallenge.From(response)!.IsBearer);
    }

    [Theory]
    [InlineData("GET", "/v2/", "")]
    [InlineData("GET", "/v2/library/alpine/manifests/3.19", "repository:library/alpine:pull")]
    [InlineData("HEAD", "/v2/a/blobs/sha256:00", "repository:a:pull")]
    [InlineData("POST", "/v2/a/b/c/blobs/uploads/", "repository:a/b/c:pull,push")]
    [InlineData("PUT", "/v2/a/blobs/uploads/123-uuid?digest=sha256:00", "repository:a:pull,push")]
    [InlineData("DELETE", "/v2/a/manifests/sha256:00", "repository:a:delete")]
    [InlineData("POST", "/v2/to/blobs/uploads/?mount=sha256:00&from=from/repo", "repository:to:pull,push|repository:from/repo:pull")]
    [InlineData("GET", "/v2/x/blobs/y/manifests/latest", "repository:x/blobs/y:pull")]
    [InlineData("GET", "/v2/a/tags/list?n=10", "repository:a:pull")]
    public void Infers_scopes_from_requests(string method, string pathAndQuery, string expected)
    {
        var scopes = RegistryScope.For(new HttpMethod(method), new Uri("https://registry.example" + pathAndQuery));

        Assert.Equal(expected, string.Join('|', scopes));
    }

    [Theory]
    [InlineData("https://registry.example", "https://registry.example/token", "", true)]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/token", "", true)]
    [InlineData("https://registry.example", "http://registry.example/token", "", false)]
    [InlineData("https://registry.example", "https://registry.example:8443/token", "", false)]
    [InlineData("https://registry.example", "https://auth.example/token", "", false)]
    [InlineData("https://registry.example", "https://auth.example/token", "auth.example", true)]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:6000/token", "127.0.0.1:6000", true)]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:6000/token", "127.0.0.1:7000", false)]
    public void Sends_registry_credentials_to_a_realm_only_on_the_same_host_or_when_trusted(string registry, string realm, string trusted, bool expected)
    {
        var credential = new RegistryCredential("u", "p")
        {
            TrustedRealmHosts = new HashSet<string>(trusted.Length > 0 ? [trusted] : [], StringComparer.OrdinalIgnoreCase),
        };

        Assert.Equal(expected, RegistryAuthHandler.MayReceive(credential, new Uri(registry), new Uri(realm)));
        Assert.False(RegistryAuthHandler.MayReceive(null, new Uri(registry), new Uri(realm)));
    }

    [Fact]
    public void Retry_after_is_capped_and_never_negative()
    {
        var now = DateTimeOffset.UtcNow;
        using var seconds = new HttpResponseMessage { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)) } };
        using var past = new HttpResponseMessage { Headers = { RetryAfter = new RetryConditionHeaderValue(now.AddMinutes(-1)) } };
        using var none = new HttpResponseMessage();

        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse(seconds, now, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(past, now, TimeSpan.FromSeconds(30)));
        Assert.Null(RetryAfter.Parse(none, now, TimeSpan.FromSeconds(30)));
    }
}
