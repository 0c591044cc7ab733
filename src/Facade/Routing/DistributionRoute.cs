namespace Facade.Routing;

/// <summary>
/// A parsed <c>/v2/...</c> request path. <see cref="Name"/> is the repository as the client
/// wrote it (validated); <see cref="Reference"/> is the tag or digest text, or the upload id.
/// </summary>
internal sealed record DistributionRoute(RouteKind Kind, string Name, string Reference)
{
    /// <summary>The <c>/v2/</c> base route.</summary>
    public static readonly DistributionRoute Base = new(RouteKind.Base, "", "");

    /// <summary>A low-cardinality label for metrics.</summary>
    public string Label => Kind switch
    {
        RouteKind.Base => "base",
        RouteKind.Manifest => "manifest",
        RouteKind.Blob => "blob",
        RouteKind.BlobUpload => "upload",
        RouteKind.Tags => "tags",
        RouteKind.Referrers => "referrers",
        _ => "other",
    };

    /// <summary>The route as a template, for access logs and spans (no names, tags or digests in it).</summary>
    public string Template => Kind switch
    {
        RouteKind.Base => "/v2/",
        RouteKind.Manifest => "/v2/{name}/manifests/{reference}",
        RouteKind.Blob => "/v2/{name}/blobs/{digest}",
        RouteKind.BlobUpload => "/v2/{name}/blobs/uploads/{uuid}",
        RouteKind.Tags => "/v2/{name}/tags/list",
        RouteKind.Referrers => "/v2/{name}/referrers/{digest}",
        _ => "/v2/{other}",
    };
}
