using Facade.Shared.Errors;
using Facade.Shared.Oci;

namespace Facade.Routing;

/// <summary>
/// Splits a <c>/v2/</c> path into route kind, repository name and reference. Repository names
/// contain slashes, so the route is found by its last keyword segment, as distribution does.
/// </summary>
internal static class RouteParser
{
    /// <summary>
    /// Parses a path that starts with <c>/v2</c> for a request with <paramref name="method"/>
    /// (the answer to an invalid manifest reference depends on it). A path that is no route gives
    /// neither route nor error (404).
    /// </summary>
    public static RouteResult Parse(string path, string method = "GET")
    {
        if (path is "/v2" or "/v2/") return RouteResult.Ok(DistributionRoute.Base);
        if (!path.StartsWith("/v2/", StringComparison.Ordinal)) return RouteResult.NotFound;
        var rest = path.AsSpan(4);

        if (rest.EndsWith("/tags/list"))
            return WithName(RouteKind.Tags, rest[..^"/tags/list".Length], "");

        var uploads = rest.LastIndexOf("/blobs/uploads");
        if (uploads > 0)
        {
            var tail = rest[(uploads + "/blobs/uploads".Length)..];
            if (tail.IsEmpty || tail is "/") return WithName(RouteKind.BlobUpload, rest[..uploads], "");
            if (tail[0] == '/' && !tail[1..].Contains('/')) return WithName(RouteKind.BlobUpload, rest[..uploads], tail[1..].ToString());
        }

        if (TrySplit(rest, "/manifests/", out var name, out var reference))
        {
            if (Digest.TryParse(reference, out _) || RepositoryName.IsValidTag(reference))
                return WithName(RouteKind.Manifest, name, reference);
            return RouteResult.Fail(InvalidManifestReference(reference, method));
        }
        if (TrySplit(rest, "/blobs/", out name, out reference))
            return WithDigest(RouteKind.Blob, name, reference);
        if (TrySplit(rest, "/referrers/", out name, out reference))
            return WithDigest(RouteKind.Referrers, name, reference);
        return RouteResult.NotFound;
    }

    // A reference that is neither a tag nor a supported digest names no manifest that can exist,
    // so reads and deletes answer "unknown" as for any absent manifest; only a PUT, which would
    // create it, is told what is wrong with the reference.
    private static OciError InvalidManifestReference(string reference, string method)
    {
        if (!HttpMethods.IsPut(method))
            return new OciError(OciErrorCode.ManifestUnknown, $"no manifest '{Trim(reference)}': not a valid tag or digest");
        return reference.Contains(':')
            ? new OciError(OciErrorCode.DigestInvalid, $"invalid or unsupported digest '{Trim(reference)}'")
            : new OciError(OciErrorCode.TagInvalid, $"invalid tag '{Trim(reference)}'");
    }

    private static bool TrySplit(ReadOnlySpan<char> rest, string keyword, out ReadOnlySpan<char> name, out string reference)
    {
        var at = rest.LastIndexOf(keyword);
        if (at <= 0 || rest[(at + keyword.Length)..].Contains('/') || at + keyword.Length == rest.Length)
        {
            name = default;
            reference = "";
            return false;
        }
        name = rest[..at];
        reference = rest[(at + keyword.Length)..].ToString();
        return true;
    }

    private static RouteResult WithDigest(RouteKind kind, ReadOnlySpan<char> name, string reference) =>
        Digest.TryParse(reference, out _)
            ? WithName(kind, name, reference)
            : RouteResult.Fail(new OciError(OciErrorCode.DigestInvalid, $"invalid digest '{Trim(reference)}'"));

    private static RouteResult WithName(RouteKind kind, ReadOnlySpan<char> name, string reference) =>
        RepositoryName.IsValid(name)
            ? RouteResult.Ok(new DistributionRoute(kind, name.ToString(), reference))
            : RouteResult.Fail(new OciError(OciErrorCode.NameInvalid, $"invalid repository name '{Trim(name.ToString())}'"));

    private static string Trim(string text) => text.Length <= 100 ? text : text[..100] + "...";
}

/// <summary>The outcome of parsing: a route, an error to answer with, or no route at all.</summary>
internal readonly record struct RouteResult(DistributionRoute? Route, OciError? Error)
{
    public static readonly RouteResult NotFound = new(null, null);
    public static RouteResult Ok(DistributionRoute route) => new(route, null);
    public static RouteResult Fail(OciError error) => new(null, error);
}
