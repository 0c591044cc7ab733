using Facade.Configuration;
using Facade.Shared.Client;

namespace Facade.Upstreams;

/// <summary>
/// The outbound chain of one upstream: user agent -> retry -> auth (anonymous, Basic or Bearer
/// tokens cached per scope) -> sockets. Credentials are registered for the upstream's own host
/// only, so nothing else ever receives them.
/// </summary>
internal static class UpstreamHandlers
{
    public const string UserAgent = "registry-facade/1.0";

    public static HttpMessageHandler Create(string name, UpstreamOptions upstream, UpstreamTimeoutOptions timeouts)
    {
        var options = new RegistryHttpOptions
        {
            UserAgent = UserAgent,
            ConnectTimeout = timeouts.Connect,
            Credentials = Credentials(name, upstream),
            Retry = new RetryOptions { MaxAttempts = timeouts.Attempts },
        };
        return RegistryHttp.CreateHandler(options);
    }

    private static CredentialStore Credentials(string name, UpstreamOptions upstream)
    {
        var store = new CredentialStore();
        var url = new Uri(upstream.Url);
        RegistryCredential? credential = null;
        if (upstream.Username is { } user)
        {
            credential = new RegistryCredential(user, upstream.Password ?? "");
        }
        else if (upstream.DockerConfig is { } path)
        {
            var fromFile = DockerConfigCredentials.Load(path);
            credential = fromFile.Find(url.ToString()) ?? fromFile.Find(name);
        }
        if (credential is not null)
            store.Add(url.ToString(), credential with { TrustedRealmHosts = upstream.TokenRealms.ToHashSet(StringComparer.OrdinalIgnoreCase) });
        return store;
    }
}
