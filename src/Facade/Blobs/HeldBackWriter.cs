using System.Buffers;
using System.IO.Pipelines;

namespace Facade.Blobs;

/// <summary>
/// Sends the part <c>[from, end)</c> of a blob whose bytes are offered in order from byte 0,
/// always holding the last byte sent back until <see cref="FinishAsync"/> (called only once the
/// blob is verified), so a response of wrong bytes can be cut but never ended cleanly.
/// </summary>
internal sealed class HeldBackWriter(PipeWriter writer, long from, long end)
{
    private long _offered;
    private bool _holding;
    private byte _held;

    /// <summary>Bytes written to the response so far.</summary>
    public long Sent { get; private set; }

    /// <summary>Offers the next bytes of the blob; false when the client has gone (stop reading).</summary>
    public async ValueTask<bool> OfferAsync(ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        if (!Stage(chunk)) return true;
        var flush = await writer.FlushAsync(ct).ConfigureAwait(false);
        return !flush.IsCanceled && !flush.IsCompleted;
    }

    /// <summary>Sends the held byte: call only after the whole blob matched its digest.</summary>
    public async ValueTask FinishAsync(CancellationToken ct)
    {
        if (_holding) WriteHeld();
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    private bool Stage(ReadOnlyMemory<byte> chunk)
    {
        var start = Math.Max(from, _offered);
        var stop = Math.Min(end, _offered + chunk.Length);
        var at = _offered;
        _offered += chunk.Length;
        if (stop <= start) return false;
        var part = chunk.Span[(int)(start - at)..(int)(stop - at)];
        if (_holding) WriteHeld();
        writer.Write(part[..^1]);
        Sent += part.Length - 1;
        _held = part[^1];
        _holding = true;
        return true;
    }

    private void WriteHeld()
    {
        writer.GetSpan(1)[0] = _held;
        writer.Advance(1);
        Sent++;
        _holding = false;
    }
}
