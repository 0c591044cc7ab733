namespace Facade.Routing;

/// <summary>The distribution endpoints the facade tells apart.</summary>
internal enum RouteKind
{
    Base,
    Manifest,
    Blob,
    BlobUpload,
    Tags,
    Referrers,
}
