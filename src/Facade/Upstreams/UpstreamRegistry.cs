using Facade.Shared.Client;

namespace Facade.Upstreams;

/// <summary>
/// One configured upstream: its name and the registry client (handler chain, outbound rules,
/// credentials for its own host only) that talks to it.
/// </summary>
internal sealed class UpstreamRegistry(string name, RegistryClient client, bool writable, bool usesLibraryPrefix)
{
    public string Name { get; } = name;
    public RegistryClient Client { get; } = client;
    public Uri BaseUri => Client.BaseUri;
    public bool Writable { get; } = writable;

    /// <summary>host[:port] of the base URL, what clients put into <c>?ns=</c> for it.</summary>
    public string Authority => BaseUri.IsDefaultPort ? BaseUri.Host : $"{BaseUri.Host}:{BaseUri.Port}";

    /// <summary>
    /// True when single-component names get <c>library/</c>: a convention of the Hub's registry,
    /// so decided by the upstream's URL, whatever name it is configured under.
    /// </summary>
    public bool UsesLibraryPrefix { get; } = usesLibraryPrefix;

    /// <summary>An absolute URL below <c>/v2/</c> of this upstream.</summary>
    public Uri V2(string relative) => new(BaseUri, "/v2/" + relative);

    public override string ToString() => $"{Name} ({Authority})";
}
