using System.Net;

namespace Facade.Shared.Client;

/// <summary>
/// A request body read once from a caller's stream, which it does not dispose (the caller owns
/// it). Being neither buffered nor in memory, it marks the request as not replayable.
/// </summary>
internal sealed class StreamingContent(Stream source, long length) : HttpContent
{
    private const int BufferSize = 64 * 1024;
    private bool _used;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_used) throw new InvalidOperationException("a streamed request body can be sent only once");
        _used = true;
        await source.CopyToAsync(stream, BufferSize, cancellationToken).ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }
}
