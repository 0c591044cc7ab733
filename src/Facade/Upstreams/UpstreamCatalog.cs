using Facade.Shared.Errors;

namespace Facade.Upstreams;

/// <summary>
/// Picks the upstream for a request: by <c>?ns=</c> (what containerd sends to a mirror), else by
/// a first path component that names an upstream, else the default. An <c>ns</c> naming no
/// configured upstream is refused: the facade is never an open proxy.
/// </summary>
internal sealed class UpstreamCatalog(IReadOnlyList<UpstreamRegistry> upstreams, string? defaultUpstream)
{
    private readonly Dictionary<string, UpstreamRegistry> _byName =
        upstreams.ToDictionary(u => u.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<UpstreamRegistry> All { get; } = upstreams;

    /// <summary>Finds an upstream by its configured name or by its URL's host[:port].</summary>
    public UpstreamRegistry? Find(string nameOrAuthority) =>
        _byName.TryGetValue(nameOrAuthority, out var byName)
            ? byName
            : All.FirstOrDefault(u => u.Authority.Equals(nameOrAuthority, StringComparison.OrdinalIgnoreCase));

    /// <summary>Resolves a request's repository name and <c>ns</c> parameter.</summary>
    public (UpstreamTarget? Target, OciError? Error) Resolve(string name, string? ns)
    {
        if (!string.IsNullOrEmpty(ns))
        {
            var byNs = Find(ns);
            return byNs is null
                ? (null, new OciError(OciErrorCode.Denied, $"registry '{Cap(ns)}' is not configured on this mirror"))
                : (Target(byNs, name), null);
        }
        var slash = name.IndexOf('/');
        if (slash > 0 && _byName.TryGetValue(name[..slash], out var byPrefix))
            return (Target(byPrefix, name[(slash + 1)..]), null);
        if (defaultUpstream is not null && _byName.TryGetValue(defaultUpstream, out var fallback))
            return (Target(fallback, name), null);
        return (null, new OciError(OciErrorCode.NameUnknown, $"no upstream serves '{Cap(name)}'"));
    }

    private static UpstreamTarget Target(UpstreamRegistry upstream, string repository) =>
        new(upstream, upstream.UsesLibraryPrefix && !repository.Contains('/') ? "library/" + repository : repository);

    private static string Cap(string text) => text.Length <= 100 ? text : text[..100];
}
