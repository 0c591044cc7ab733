using Facade.Configuration;
using Facade.Shared.Client;

namespace Facade.Upstreams;

/// <summary>
/// The settings of one upstream's registry client: user agent, retries, progress timeout, and
/// credentials registered for the upstream's own host only, so nothing else ever receives them
/// except the token services listed for it (and, for the Hub's registry, the Hub's own token
/// service, which lives on another host).
/// </summary>
internal static class UpstreamHandlers
{
    public const string UserAgent = "registry-facade/1.0";

    public static RegistryHttpOptions Options(string name, UpstreamOptions upstream, UpstreamTimeoutOptions timeouts, UpstreamLog log) => new()
    {
        UserAgent = UserAgent,
        ConnectTimeout = timeouts.Connect,
        ProgressTimeout = timeouts.Idle,
        Credentials = Credentials(name, upstream, log),
        Retry = new RetryOptions { MaxAttempts = timeouts.Attempts },
        TrustedRoots = upstream.CaFile is { } ca ? TrustedRoots.FromPemFile(ca) : null,
        Http2 = upstream.Http2,
    };

    private static CredentialStore Credentials(string name, UpstreamOptions upstream, UpstreamLog log)
    {
        var store = new CredentialStore();
        var url = new Uri(upstream.Url);
        var hub = HubRegistry.IsHub(url);
        RegistryCredential? credential = null;
        if (upstream.Username is { } user)
        {
            credential = new RegistryCredential(user, upstream.Password ?? "");
        }
        else if (upstream.DockerConfig is { } path)
        {
            var fromFile = DockerConfigCredentials.Load(path);
            foreach (var helper in fromFile.IgnoredHelpers) log.HelperIgnored(name, path, helper);
            // The Hub's credentials sit under its legacy index key, which the store files as docker.io.
            credential = fromFile.Find(url.ToString()) ?? (hub ? fromFile.Find(RegistryHost.DefaultRegistry) : null) ?? fromFile.Find(name);
        }
        if (credential is null) return store;
        var realms = TrustedRealms(upstream, hub);
        log.CredentialsConfigured(name, RegistryHost.Of(url), string.Join(", ", realms));
        return store.Add(url.ToString(), credential with { TrustedRealmHosts = realms });
    }

    /// <summary>Configured realms as host[:port] whether written as a host or a URL; the Hub's own realm for the Hub.</summary>
    public static HashSet<string> TrustedRealms(UpstreamOptions upstream, bool hub)
    {
        var realms = upstream.TokenRealms.Select(RegistryHost.Normalize).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (hub) realms.Add(HubRegistry.TokenRealmHost);
        return realms;
    }
}
