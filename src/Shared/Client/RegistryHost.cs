namespace Facade.Shared.Client;

/// <summary>
/// Normalises registry host names so that credentials configured under any of a host's spellings
/// (<c>https://host:443/v1/</c>, <c>Host</c>, <c>host:443</c>) are found under one key.
/// </summary>
public static class RegistryHost
{
    /// <summary>The short name under which the default public registry's credentials are kept.</summary>
    public const string DefaultRegistry = "docker.io";

    /// <summary>
    /// The legacy index URL that Docker's <c>config.json</c> uses as the key for the default
    /// registry. It is part of the file format, so it is spelled here once and nowhere else.
    /// </summary>
    public const string LegacyIndexKey = "https://index.docker.io/v1/";

    private static readonly string LegacyIndexHost = new Uri(LegacyIndexKey).Host;

    /// <summary>
    /// Returns the lower-case <c>host</c> or <c>host:port</c> of a key or URL; default ports (80 for
    /// http, 443 for https) are dropped. The legacy index key maps to <see cref="DefaultRegistry"/>.
    /// </summary>
    public static string Normalize(string keyOrUrl)
    {
        ArgumentNullException.ThrowIfNull(keyOrUrl);
        var text = keyOrUrl.Trim();
        if (string.Equals(text.TrimEnd('/'), LegacyIndexKey.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            return DefaultRegistry;
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException("invalid registry host");
        var host = uri.IdnHost.ToLowerInvariant();
        if (host == LegacyIndexHost) return DefaultRegistry;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port}";
    }

    /// <summary>The normalised host of an absolute URI.</summary>
    public static string Of(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port}";
    }
}
