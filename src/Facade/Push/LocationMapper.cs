namespace Facade.Push;

/// <summary>
/// Maps a <c>Location</c> the upstream sent (absolute on its own host, or relative) onto the
/// facade: the upstream repository becomes the name the client used, the path stays relative to
/// the facade, and the client's <c>ns</c> parameter is kept so follow-up requests select the same
/// upstream. Locations elsewhere (another host, another repository) are left as they are.
/// </summary>
internal static class LocationMapper
{
    public static string Map(string location, Uri upstreamBase, string upstreamRepository, string clientName, string? ns)
    {
        if (!Uri.TryCreate(location, UriKind.RelativeOrAbsolute, out var parsed)) return location;
        var absolute = parsed.IsAbsoluteUri ? parsed : new Uri(upstreamBase, parsed);
        if (!string.Equals(absolute.Authority, upstreamBase.Authority, StringComparison.OrdinalIgnoreCase)
            || absolute.Scheme != upstreamBase.Scheme)
            return location;
        var prefix = $"/v2/{upstreamRepository}/";
        var path = absolute.AbsolutePath;
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return location;
        var mapped = $"/v2/{clientName}/{path[prefix.Length..]}";
        var query = absolute.Query;
        if (!string.IsNullOrEmpty(ns))
            query = (query.Length == 0 ? "?" : query + "&") + "ns=" + Uri.EscapeDataString(ns);
        return mapped + query;
    }
}
