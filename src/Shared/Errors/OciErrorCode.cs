namespace Facade.Shared.Errors;

/// <summary>The distribution error codes this registry answers with.</summary>
public enum OciErrorCode
{
    BlobUnknown,
    BlobUploadInvalid,
    BlobUploadUnknown,
    DigestInvalid,
    ManifestBlobUnknown,
    ManifestInvalid,
    /// <summary>A manifest over the size limit: MANIFEST_INVALID, with the 413 the specification asks for.</summary>
    ManifestTooLarge,
    ManifestUnknown,
    NameInvalid,
    NameUnknown,
    TagInvalid,
    SizeInvalid,
    Unauthorized,
    Denied,
    Unsupported,
    TooManyRequests,
    RangeInvalid,
    Unavailable,
    BadGateway,
    GatewayTimeout,
    Internal,
}
