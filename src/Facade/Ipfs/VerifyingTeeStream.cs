using System.Security.Cryptography;
using Facade.Shared.Ipfs;

namespace Facade.Ipfs;

/// <summary>
/// Passes content through while computing, on the way, both its OCI digest hash and its UnixFS
/// CID, so an upload can be checked against the digest it is published for and against the CID
/// the node reports, without reading the content twice.
/// </summary>
internal sealed class VerifyingTeeStream : ReadOnlyForwardStream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _digestHash;
    private readonly UnixFsCidBuilder _cid = new();

    public VerifyingTeeStream(Stream inner, IncrementalHash digestHash)
    {
        _inner = inner;
        _digestHash = digestHash;
    }

    /// <summary>True once the inner stream reported its end.</summary>
    public bool Ended { get; private set; }

    /// <summary>Bytes passed through.</summary>
    public long BytesRead => _cid.Length;

    /// <summary>The CID of everything passed through; call once, after <see cref="Ended"/>.</summary>
    public Cid CompleteCid() => _cid.Complete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0 && buffer.Length > 0) Ended = true;
        _digestHash.AppendData(buffer.Span[..read]);
        _cid.Append(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _cid.Dispose();
        base.Dispose(disposing);
    }
}
