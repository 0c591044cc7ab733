namespace Facade.Shared.Client;

/// <summary>
/// Works out the token scope a distribution request needs from its path and method, the way the
/// registry itself maps requests to access records: GET and HEAD pull, DELETE deletes, anything
/// else pulls and pushes; a cross-repository mount also needs pull on the source repository.
/// </summary>
public static class RegistryScope
{
    private static readonly string[] Endpoints = ["manifests", "blobs", "tags", "referrers"];

    /// <summary>The scopes for a request, or an empty list for requests outside a repository (<c>/v2/</c>).</summary>
    public static IReadOnlyList<string> For(HttpMethod method, Uri uri)
    {
        var repository = RepositoryOf(uri.AbsolutePath);
        if (repository is null) return [];
        var actions = method == HttpMethod.Get || method == HttpMethod.Head ? "pull"
            : method == HttpMethod.Delete ? "delete"
            : "pull,push";
        var scopes = new List<string> { $"repository:{repository}:{actions}" };
        var from = QueryValue(uri, "from");
        if (from is not null && QueryValue(uri, "mount") is not null && from != repository)
            scopes.Add($"repository:{from}:pull");
        return scopes;
    }

    /// <summary>The repository name of a <c>/v2/&lt;name&gt;/&lt;endpoint&gt;/...</c> path, or null.</summary>
    public static string? RepositoryOf(string path)
    {
        var start = path.IndexOf("/v2/", StringComparison.Ordinal);
        if (start < 0) return null;
        var segments = path[(start + 4)..].Split('/');
        // The name may itself contain an endpoint word, so take the last match.
        for (var i = segments.Length - 2; i >= 1; i--)
        {
            if (Array.IndexOf(Endpoints, segments[i]) >= 0)
                return Uri.UnescapeDataString(string.Join('/', segments[..i]));
        }
        return null;
    }

    private static string? QueryValue(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            if (key == name) return eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }
}
