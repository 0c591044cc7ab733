using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Composition.Serving;

/// <summary>
/// Describes a configured local layer file: its digest and size as a blob, its diff id (the
/// digest of the uncompressed tar) and media type (gzip detected by its magic bytes). Files are
/// hashed once per change of size or write time.
/// </summary>
internal sealed class StaticFileDescriber
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTime Stamp, long Length, StaticFileLayer Layer)> _known = new(StringComparer.Ordinal);

    public StaticFileLayer Describe(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new CompositionException($"static layer file '{path}' does not exist");
        lock (_lock)
        {
            if (_known.TryGetValue(path, out var known) && known.Stamp == info.LastWriteTimeUtc && known.Length == info.Length)
                return known.Layer;
        }
        var layer = Hash(path, info.Length);
        lock (_lock) _known[path] = (info.LastWriteTimeUtc, info.Length, layer);
        return layer;
    }

    private static StaticFileLayer Hash(string path, long length)
    {
        Digest blobDigest;
        bool gzip;
        using (var file = File.OpenRead(path))
        {
            Span<byte> magic = stackalloc byte[2];
            gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            blobDigest = Digest.FromHash(DigestAlgorithm.Sha256, SHA256.HashData(file));
        }
        var diffId = blobDigest;
        if (gzip)
        {
            using var file = File.OpenRead(path);
            using var unzip = new GZipStream(file, CompressionMode.Decompress);
            diffId = Digest.FromHash(DigestAlgorithm.Sha256, SHA256.HashData(unzip));
        }
        var mediaType = gzip ? MediaTypes.OciLayerGzip : MediaTypes.OciLayer;
        var addendum = new Addendum(new LayerDescriptor(mediaType, blobDigest, length), diffId,
            new HistoryEntry(null, "static layer " + Path.GetFileName(path)));
        return new StaticFileLayer(addendum);
    }
}
