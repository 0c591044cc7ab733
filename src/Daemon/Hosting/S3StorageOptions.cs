namespace Daemon.Hosting;

/// <summary>The S3-compatible backend (the AWS SDK's S3 client, path-style requests).</summary>
internal sealed class S3StorageOptions
{
    /// <summary>Base URL of the service, e.g. <c>http://127.0.0.1:4568</c>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Signing region.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Bucket holding the archives; it must exist.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Key prefix inside the bucket, e.g. <c>workspaces/</c>.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Access key id.</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>Secret access key; never logged.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Archives larger than this many bytes are sent as a multipart upload.</summary>
    public long MultipartThreshold { get; set; } = 64L << 20;

    /// <summary>Size of each part of a multipart upload (S3 allows 5 MiB to 5 GiB; the last part may be smaller).</summary>
    public long PartSize { get; set; } = 16L << 20;
}
