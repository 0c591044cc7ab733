using Amazon.Runtime;
using Amazon.S3;
using Daemon.Hosting;

namespace Daemon.Storage.S3;

/// <summary>Builds the SDK client for an S3-compatible endpoint from the daemon's options.</summary>
internal static class S3ClientFactory
{
    public static AmazonS3Client Create(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = options.Endpoint,
            AuthenticationRegion = options.Region,
            // Bucket in the path: S3-compatible stores (and test servers on 127.0.0.1) have no
            // per-bucket host names.
            ForcePathStyle = true,
            // Checksums only where the API demands them: stores other than AWS may not accept
            // the trailing checksums of chunk-encoded bodies.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Archives can be large; cancellation bounds a transfer, not a fixed deadline.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
