namespace Facade.Upstreams;

/// <summary>
/// One configured upstream: its name, base URL and the HTTP client (handler chain) that talks to
/// it. Redirects (blob storage) are followed with <see cref="RedirectClient"/>, which never
/// carries this upstream's credentials.
/// </summary>
internal sealed class UpstreamRegistry(string name, Uri baseUri, HttpMessageInvoker client, HttpMessageInvoker redirectClient, bool writable)
{
    public string Name { get; } = name;
    public Uri BaseUri { get; } = baseUri;
    public HttpMessageInvoker Client { get; } = client;
    public HttpMessageInvoker RedirectClient { get; } = redirectClient;
    public bool Writable { get; } = writable;

    /// <summary>host[:port] of the base URL, what clients put into <c>?ns=</c> for it.</summary>
    public string Authority => BaseUri.IsDefaultPort ? BaseUri.Host : $"{BaseUri.Host}:{BaseUri.Port}";

    /// <summary>True when single-component names get <c>library/</c> (the default registry's convention).</summary>
    public bool UsesLibraryPrefix => Name.Equals(Shared.Oci.Reference.DefaultRegistry, StringComparison.OrdinalIgnoreCase);

    /// <summary>An absolute URL below <c>/v2/</c> of this upstream.</summary>
    public Uri V2(string relative) => new(BaseUri, "/v2/" + relative);

    public override string ToString() => $"{Name} ({Authority})";
}
