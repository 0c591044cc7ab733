namespace Conformance.Protocol;

/// <summary>Builds the distribution API paths; every caller-supplied part is escaped except '/' in names.</summary>
internal static class Paths
{
    /// <summary>Manifest by tag or digest.</summary>
    public static string Manifest(string name, string reference) => $"/v2/{name}/manifests/{Uri.EscapeDataString(reference)}";

    /// <summary>Blob by digest.</summary>
    public static string Blob(string name, string digest) => $"/v2/{name}/blobs/{Uri.EscapeDataString(digest)}";

    /// <summary>Upload session start (POST).</summary>
    public static string Uploads(string name) => $"/v2/{name}/blobs/uploads/";

    /// <summary>Tags list, with optional <c>n</c> and <c>last</c>.</summary>
    public static string Tags(string name, int? n = null, string? last = null)
    {
        var query = new List<string>();
        if (n is not null)
        {
            query.Add($"n={n}");
        }

        if (last is not null)
        {
            query.Add("last=" + Uri.EscapeDataString(last));
        }

        return $"/v2/{name}/tags/list" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    /// <summary>Referrers of a manifest, optionally filtered by artifact type.</summary>
    public static string Referrers(string name, string digest, string? artifactType = null) =>
        $"/v2/{name}/referrers/{Uri.EscapeDataString(digest)}"
        + (artifactType is null ? "" : "?artifactType=" + Uri.EscapeDataString(artifactType));

    /// <summary>Adds a query parameter to a Location value that may already carry a query (upload state).</summary>
    public static string WithQuery(string location, string key, string value)
    {
        var separator = location.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{location}{separator}{key}={Uri.EscapeDataString(value)}";
    }
}
