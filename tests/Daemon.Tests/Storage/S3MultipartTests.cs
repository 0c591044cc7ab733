using System.Security.Cryptography;
using Daemon.Hosting;
using Daemon.Storage;
using Daemon.Storage.S3;
using Facade.TestSupport;

namespace Daemon.Tests.Storage;

/// <summary>
/// Archives above the multipart threshold go up in parts and come back byte for byte. A counting
/// proxy in front of s3rver tells the two paths apart: a multipart upload is a POST to start, one
/// PUT per part and a POST to complete; a single upload is one PUT and no POST.
/// </summary>
public sealed class S3MultipartTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IDisposable
{
    private const int MiB = 1 << 20;
    private readonly TempDir _dir = new("daemon-s3-multipart");

    [SkippableFact]
    public async Task AnArchiveAboveTheThresholdIsUploadedInPartsAndRestoresByteForByte()
    {
        Skip.If(s3.SkipReason is not null, s3.SkipReason);
        await using var proxy = await CountingProxy.StartAsync(new Uri(s3.Endpoint));
        var options = WithMultipart(proxy, threshold: MiB, partSize: 5 * MiB);
        using var storage = new S3ContentStorage(options);
        var (bytes, archive) = await WriteArchiveAsync(seed: 1402, size: 12 * MiB + 3);

        await storage.PutAsync("snapshot-multipart", archive, default);

        Assert.Equal(3, proxy.Count("PUT", ObjectPath(options, "snapshot-multipart")));
        Assert.Equal(2, proxy.Count("POST", ObjectPath(options, "snapshot-multipart")));
        await using var stream = await storage.OpenReadAsync("snapshot-multipart", default);
        Assert.NotNull(stream);
        Assert.Equal(SHA256.HashData(bytes), await SHA256.HashDataAsync(stream));
    }

    [SkippableFact]
    public async Task AnArchiveAtTheThresholdIsOnePut()
    {
        Skip.If(s3.SkipReason is not null, s3.SkipReason);
        await using var proxy = await CountingProxy.StartAsync(new Uri(s3.Endpoint));
        var options = WithMultipart(proxy, threshold: 2 * MiB, partSize: 5 * MiB);
        using var storage = new S3ContentStorage(options);
        var (bytes, archive) = await WriteArchiveAsync(seed: 7, size: 2 * MiB);

        await storage.PutAsync("snapshot-single", archive, default);

        Assert.Equal(1, proxy.Count("PUT", ObjectPath(options, "snapshot-single")));
        Assert.Equal(0, proxy.Count("POST", ObjectPath(options, "snapshot-single")));
        await using var stream = await storage.OpenReadAsync("snapshot-single", default);
        Assert.Equal(SHA256.HashData(bytes), await SHA256.HashDataAsync(stream!));
    }

    public void Dispose() => _dir.Dispose();

    private S3StorageOptions WithMultipart(CountingProxy proxy, long threshold, long partSize)
    {
        var options = s3.Options;
        options.Endpoint = proxy.BaseUri.GetLeftPart(UriPartial.Authority);
        options.MultipartThreshold = threshold;
        options.PartSize = partSize;
        return options;
    }

    private async Task<(byte[] Bytes, ArchiveFile Archive)> WriteArchiveAsync(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = _dir.Combine($"archive-{seed}.tar");
        await File.WriteAllBytesAsync(path, bytes);
        return (bytes, await ArchiveFile.DescribeAsync(path, default));
    }

    private static string ObjectPath(S3StorageOptions options, string key) => $"/{options.Bucket}/{options.Prefix}{key}.tar";
}
