using Facade.Shared.Errors;

namespace Facade.Upstreams;

/// <summary>
/// Picks the upstream for a request: by <c>?ns=</c> (what containerd sends to a mirror), else by
/// a first path component that names an upstream, else the default. An <c>ns</c> naming no
/// configured upstream is refused: the facade is never an open proxy.
/// </summary>
internal sealed class UpstreamCatalog(IReadOnlyList<UpstreamRegistry> upstreams, string? defaultUpstream,
    Func<string, UpstreamRegistry>? onDemand = null)
{
    private const int MaxOnDemand = 256;
    private readonly Dictionary<string, UpstreamRegistry> _byName =
        upstreams.ToDictionary(u => u.Name, StringComparer.OrdinalIgnoreCase);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<UpstreamRegistry>> _onDemand = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<UpstreamRegistry> All { get; } = upstreams;

    /// <summary>Finds an upstream by its configured name or by its URL's host[:port].</summary>
    public UpstreamRegistry? Find(string nameOrAuthority) =>
        _byName.TryGetValue(nameOrAuthority, out var byName)
            ? byName
            : All.FirstOrDefault(u => u.Authority.Equals(nameOrAuthority, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <see cref="Find"/>, else (when on-demand upstreams are enabled) an upstream made for the
    /// registry host and kept. For image references in specs only, never for client requests.
    /// </summary>
    public UpstreamRegistry? FindOrCreate(string authority)
    {
        var configured = Find(authority);
        if (configured is not null || onDemand is null) return configured;
        if (_onDemand.Count >= MaxOnDemand && !_onDemand.ContainsKey(authority)) return null;
        return _onDemand.GetOrAdd(authority, a => new Lazy<UpstreamRegistry>(() => onDemand(a))).Value;
    }

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
