using System.Security.Cryptography;

namespace Facade.Shared.Ipfs;

/// <summary>
/// Computes, incrementally, the CID the IPFS node gives a file added with
/// <see cref="UnixFsLayout.AddQuery"/>. Feed the bytes in any slicing with <see cref="Append"/>,
/// then call <see cref="Complete"/> once. Memory stays bounded (one pending list of at most 174
/// links per tree level); nothing of the content is kept.
/// </summary>
/// <remarks>
/// The balanced layout groups leaves 174 at a time into parents, then those parents 174 at a
/// time, until one node remains. Grouping as soon as a level holds 174 entries gives the same
/// tree. A file of one chunk (including the empty file, one empty chunk) is that raw leaf alone.
/// </remarks>
public sealed class UnixFsCidBuilder : IDisposable
{
    private readonly IncrementalHash _chunkHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<List<UnixFsLink>> _pending = [];
    private readonly List<long> _produced = [];
    private int _chunkFill;
    private bool _completed;

    /// <summary>Bytes appended so far.</summary>
    public long Length { get; private set; }

    /// <summary>Appends file content.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        Length += data.Length;
        while (!data.IsEmpty)
        {
            var take = Math.Min(UnixFsLayout.ChunkSize - _chunkFill, data.Length);
            _chunkHash.AppendData(data[..take]);
            _chunkFill += take;
            data = data[take..];
            if (_chunkFill == UnixFsLayout.ChunkSize) CompleteChunk();
        }
    }

    /// <summary>Finishes the tree and returns the root CID. The builder cannot be used afterwards.</summary>
    public Cid Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_chunkFill > 0 || Length == 0) CompleteChunk();
        _completed = true;

        for (var level = 0; ; level++)
        {
            // The first level that produced a single entry holds the root.
            if (_produced[level] == 1) return _pending[level][0].Cid;
            if (_pending[level].Count > 0) Flush(level);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _completed = true;
        _chunkHash.Dispose();
    }

    private void CompleteChunk()
    {
        Span<byte> hash = stackalloc byte[32];
        _chunkHash.GetHashAndReset(hash);
        var size = (ulong)_chunkFill;
        _chunkFill = 0;
        Add(0, new UnixFsLink(Cid.FromSha256(Cid.RawCodec, hash), size, size));
    }

    private void Add(int level, UnixFsLink link)
    {
        if (level == _pending.Count)
        {
            _pending.Add(new List<UnixFsLink>(UnixFsLayout.MaxLinksPerNode));
            _produced.Add(0);
        }
        _pending[level].Add(link);
        _produced[level]++;
        if (_pending[level].Count == UnixFsLayout.MaxLinksPerNode) Flush(level);
    }

    private void Flush(int level)
    {
        var links = _pending[level];
        var parent = UnixFsFileNode.Build(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(links));
        links.Clear();
        Add(level + 1, parent);
    }
}
