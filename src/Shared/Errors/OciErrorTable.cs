namespace Facade.Shared.Errors;

/// <summary>One row of the error table: the wire code, the HTTP status and a default message.</summary>
public sealed record OciErrorInfo(string Code, int Status, string Message);

/// <summary>
/// The error codes as data: every place that reports an error looks its wire code and status up
/// here, so a code always carries the same status.
/// </summary>
public static class OciErrorTable
{
    private static readonly Dictionary<OciErrorCode, OciErrorInfo> Rows = new()
    {
        [OciErrorCode.BlobUnknown] = new("BLOB_UNKNOWN", 404, "blob unknown to registry"),
        [OciErrorCode.BlobUploadInvalid] = new("BLOB_UPLOAD_INVALID", 400, "blob upload invalid"),
        [OciErrorCode.BlobUploadUnknown] = new("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry"),
        [OciErrorCode.DigestInvalid] = new("DIGEST_INVALID", 400, "provided digest did not match uploaded content"),
        [OciErrorCode.ManifestBlobUnknown] = new("MANIFEST_BLOB_UNKNOWN", 404, "manifest references a manifest or blob unknown to registry"),
        [OciErrorCode.ManifestInvalid] = new("MANIFEST_INVALID", 400, "manifest invalid"),
        [OciErrorCode.ManifestTooLarge] = new("MANIFEST_INVALID", 413, "manifest exceeds the size limit"),
        [OciErrorCode.ManifestUnknown] = new("MANIFEST_UNKNOWN", 404, "manifest unknown to registry"),
        [OciErrorCode.NameInvalid] = new("NAME_INVALID", 400, "invalid repository name"),
        [OciErrorCode.NameUnknown] = new("NAME_UNKNOWN", 404, "repository name not known to registry"),
        [OciErrorCode.TagInvalid] = new("TAG_INVALID", 400, "manifest tag did not match URI"),
        [OciErrorCode.SizeInvalid] = new("SIZE_INVALID", 400, "provided length did not match content length"),
        [OciErrorCode.Unauthorized] = new("UNAUTHORIZED", 401, "authentication required"),
        [OciErrorCode.Denied] = new("DENIED", 403, "requested access to the resource is denied"),
        [OciErrorCode.Unsupported] = new("UNSUPPORTED", 405, "the operation is unsupported"),
        [OciErrorCode.TooManyRequests] = new("TOOMANYREQUESTS", 429, "too many requests"),
        [OciErrorCode.RangeInvalid] = new("RANGE_INVALID", 416, "requested range not satisfiable"),
        [OciErrorCode.Unavailable] = new("UNAVAILABLE", 503, "service unavailable"),
        [OciErrorCode.BadGateway] = new("UNAVAILABLE", 502, "upstream registry failed"),
        [OciErrorCode.GatewayTimeout] = new("UNAVAILABLE", 504, "upstream registry timed out"),
        [OciErrorCode.Internal] = new("UNKNOWN", 500, "unknown error"),
    };

    /// <summary>The row for a code.</summary>
    public static OciErrorInfo Get(OciErrorCode code) => Rows[code];
}
