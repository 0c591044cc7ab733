using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Composition;

/// <summary>
/// Describes a local tar or tar.gz as a layer: digest and size of the file, diff id of the
/// uncompressed tar. Streams the file (pooled buffer), never loads it whole.
/// </summary>
public static class StaticFileLayerLoader
{
    /// <summary>Reads the file once (twice for gzip: blob hash, then the uncompressed hash).</summary>
    public static async Task<Addendum> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var header = new byte[2];
        var gzip = await file.ReadAtLeastAsync(header, 2, throwOnEndOfStream: false, cancellationToken) == 2 && header[0] == 0x1f && header[1] == 0x8b;
        file.Position = 0;
        var digest = await HashAsync(file, cancellationToken);
        var size = file.Length;
        var diffId = digest;
        if (gzip)
        {
            file.Position = 0;
            await using var inflated = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            diffId = await HashAsync(inflated, cancellationToken);
        }
        var layer = new LayerDescriptor(gzip ? MediaTypes.OciLayerGzip : MediaTypes.OciLayer, digest, size);
        var name = Path.GetFileName(path);
        return new Addendum(layer, diffId, new HistoryEntry(null, $"static layer {name}"), new LayerOrigin(LayerOriginKind.Other, path));
    }

    private static async Task<Digest> HashAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) hasher.AppendData(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Digest.FromHash(DigestAlgorithm.Sha256, hasher.GetHashAndReset());
    }
}
