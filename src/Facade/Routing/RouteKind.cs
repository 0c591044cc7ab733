namespace Facade.Routing;

/// <summary>The distribution endpoints the facade tells apart.</summary>
public enum RouteKind
{
    Base,
    Manifest,
    Blob,
    BlobUpload,
    Tags,
    Referrers,
}
