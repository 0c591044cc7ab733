using System.Buffers;
using System.Security.Cryptography;

namespace Facade.Shared.Ipfs;

/// <summary>
/// Encodes an intermediate UnixFS file node exactly as the IPFS importer does: a dag-pb PBNode
/// with its links first (Hash, empty Name, Tsize), then Data = UnixFS {Type=File, filesize,
/// blocksizes} with no inline data, mode or mtime. Then hashes it into a dag-pb CID.
/// </summary>
internal static class UnixFsFileNode
{
    private const ulong FileType = 2;

    /// <summary>Builds the node over <paramref name="children"/> and returns the link to it.</summary>
    public static UnixFsLink Build(ReadOnlySpan<UnixFsLink> children)
    {
        ulong fileSize = 0, childrenTotal = 0;
        var dataLength = 2;
        foreach (var child in children)
        {
            fileSize += child.FileSize;
            childrenTotal += child.TotalSize;
            dataLength += 1 + ProtoWriter.VarintSize(child.FileSize);
        }
        dataLength += 1 + ProtoWriter.VarintSize(fileSize);

        var nodeLength = 1 + ProtoWriter.VarintSize((ulong)dataLength) + dataLength;
        foreach (var child in children)
        {
            var linkLength = LinkLength(child);
            nodeLength += 1 + ProtoWriter.VarintSize((ulong)linkLength) + linkLength;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(nodeLength);
        try
        {
            var writer = new ProtoWriter(buffer.AsSpan(0, nodeLength));
            foreach (var child in children)
            {
                writer.WriteLengthPrefix(2, LinkLength(child));
                writer.WriteLengthPrefix(1, Cid.ByteLength);
                child.Cid.CopyTo(writer.Advance(Cid.ByteLength));
                writer.WriteLengthPrefix(2, 0);
                writer.WriteVarintField(3, child.TotalSize);
            }
            writer.WriteLengthPrefix(1, dataLength);
            writer.WriteVarintField(1, FileType);
            writer.WriteVarintField(3, fileSize);
            foreach (var child in children) writer.WriteVarintField(4, child.FileSize);
            if (writer.Position != nodeLength) throw new InvalidOperationException("node size miscomputed");

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, nodeLength), hash);
            return new UnixFsLink(Cid.FromSha256(Cid.DagPbCodec, hash), (ulong)nodeLength + childrenTotal, fileSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Hash field, empty Name field, Tsize field.
    private static int LinkLength(UnixFsLink link) =>
        2 + Cid.ByteLength + 2 + 1 + ProtoWriter.VarintSize(link.TotalSize);
}
