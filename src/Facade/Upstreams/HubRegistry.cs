namespace Facade.Upstreams;

/// <summary>
/// Facts about the Hub's registry that change behaviour: its URL (the built-in default upstream),
/// the <c>library/</c> prefix of single-component names, and its token service on another host.
/// </summary>
internal static class HubRegistry
{
    /// <summary>The registry URL of the built-in <c>docker.io</c> upstream.</summary>
    public const string Url = "https://registry-1.docker.io";

    /// <summary>The Hub's token service host, trusted with the Hub's credentials.</summary>
    public const string TokenRealmHost = "auth.docker.io";

    /// <summary>True for an upstream URL that is the Hub's registry (its registry hosts, any port spelling).</summary>
    public static bool IsHub(Uri url) =>
        url.IdnHost.Equals("registry-1.docker.io", StringComparison.OrdinalIgnoreCase)
        || url.IdnHost.Equals("registry.hub.docker.com", StringComparison.OrdinalIgnoreCase)
        || url.IdnHost.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase);
}
