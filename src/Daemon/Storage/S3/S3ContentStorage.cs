using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Daemon.Hosting;

namespace Daemon.Storage.S3;

/// <summary>
/// Archives as objects <c>&lt;prefix&gt;&lt;key&gt;.tar</c> in one bucket of an S3-compatible
/// store, through the AWS SDK's S3 client (path-style URLs, Signature Version 4). Archives above
/// <see cref="S3StorageOptions.MultipartThreshold"/> go up as a multipart upload.
/// </summary>
internal sealed class S3ContentStorage : IContentStorage, IDisposable
{
    private readonly S3StorageOptions _options;
    private readonly AmazonS3Client _client;
    private readonly S3MultipartUpload _multipart;

    public S3ContentStorage(S3StorageOptions options)
    {
        _options = options;
        _client = S3ClientFactory.Create(options);
        _multipart = new S3MultipartUpload(_client, options);
    }

    public string UrlOf(string key) => $"s3://{_options.Bucket}/{_options.Prefix}{key}.tar";

    public bool TryGetKey(string url, out string key)
    {
        var prefix = $"s3://{_options.Bucket}/{_options.Prefix}";
        key = url.StartsWith(prefix, StringComparison.Ordinal) && url.EndsWith(".tar", StringComparison.Ordinal)
            ? url[prefix.Length..^4]
            : "";
        return StorageKeys.IsValid(key);
    }

    public async Task<string> PutAsync(string key, ArchiveFile archive, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        await Translate("PUT", key, async () =>
        {
            if (archive.Length > _options.MultipartThreshold)
            {
                await _multipart.UploadAsync(objectKey, archive, cancellationToken);
                return true;
            }
            // A signed payload (no chunk encoding) lets the server check the body against its sha256.
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _options.Bucket,
                Key = objectKey,
                FilePath = archive.Path,
                ContentType = "application/x-tar",
                UseChunkEncoding = false,
            }, cancellationToken);
            return true;
        });
        return UrlOf(key);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        var response = await Translate("GET", key, () => _client.GetObjectAsync(_options.Bucket, objectKey, cancellationToken));
        // The response owns the connection; disposing the stream it hands out releases it.
        return response is null ? null : new S3ObjectStream(response);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        var metadata = await Translate("HEAD", key, () => _client.GetObjectMetadataAsync(_options.Bucket, objectKey, cancellationToken));
        return metadata is not null;
    }

    public void Dispose() => _client.Dispose();

    private string ObjectKey(string key) =>
        StorageKeys.IsValid(key) ? $"{_options.Prefix}{key}.tar" : throw new ArgumentException($"invalid storage key '{key}'", nameof(key));

    /// <summary>Runs an SDK call: a 404 is null, any other service or client failure a <see cref="StorageException"/>.</summary>
    private static async Task<T?> Translate<T>(string method, string key, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && method != "PUT")
        {
            return default;
        }
        catch (AmazonServiceException e)
        {
            throw new StorageException($"S3 {method} of '{key}' failed with {(int)e.StatusCode} {e.ErrorCode}: {e.Message}");
        }
        catch (AmazonClientException e)
        {
            throw new StorageException($"S3 {method} of '{key}' failed: {e.Message}");
        }
    }
}
