using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Daemon.Hosting;

namespace Daemon.Storage.S3;

/// <summary>
/// Uploads an archive file as an S3 multipart upload: parts of <see cref="S3StorageOptions.PartSize"/>
/// read straight from the file, one after another, then completed. The object appears only on
/// completion; a failed upload is aborted so the store frees its parts.
/// </summary>
internal sealed class S3MultipartUpload(IAmazonS3 client, S3StorageOptions options)
{
    public async Task UploadAsync(string objectKey, ArchiveFile archive, CancellationToken cancellationToken)
    {
        var started = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = options.Bucket,
            Key = objectKey,
            ContentType = "application/x-tar",
        }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            long position = 0;
            for (var number = 1; position < archive.Length; number++)
            {
                var size = Math.Min(options.PartSize, archive.Length - position);
                var uploaded = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = options.Bucket,
                    Key = objectKey,
                    UploadId = started.UploadId,
                    PartNumber = number,
                    FilePath = archive.Path,
                    FilePosition = position,
                    PartSize = size,
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(number, uploaded.ETag));
                position += size;
            }
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = options.Bucket,
                Key = objectKey,
                UploadId = started.UploadId,
                PartETags = parts,
            }, cancellationToken);
        }
        catch
        {
            // Not with the caller's token: a cancelled upload must still be aborted.
            await AbortQuietlyAsync(objectKey, started.UploadId);
            throw;
        }
    }

    private async Task AbortQuietlyAsync(string objectKey, string uploadId)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.AbortMultipartUploadAsync(options.Bucket, objectKey, uploadId, limit.Token);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or OperationCanceledException)
        {
            // The store expires abandoned uploads by its own rules; the original failure matters more.
        }
    }
}
