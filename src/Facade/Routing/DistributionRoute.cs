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
}
