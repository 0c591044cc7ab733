namespace Facade.Ipfs;

/// <summary>
/// The body of a node response handed to a caller: every read must complete within the read
/// timeout (a node can stall forever on a block it cannot find), a stream error the node reports
/// in its trailer becomes an <see cref="IpfsException"/>, and disposing releases the response.
/// </summary>
internal sealed class ReadTimeoutStream : ReadOnlyForwardStream
{
    private const string StreamErrorTrailer = "X-Stream-Error";
    private readonly HttpResponseMessage _response;
    private readonly Stream _inner;
    private readonly TimeSpan _timeout;
    private readonly string _operation;

    public ReadTimeoutStream(HttpResponseMessage response, Stream inner, TimeSpan timeout, string operation)
    {
        _response = response;
        _inner = inner;
        _timeout = timeout;
        _operation = operation;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IpfsException(IpfsErrorKind.Timeout, _operation, $"no data from the node for {_timeout.TotalSeconds:0.#} s", inner: e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new IpfsException(IpfsErrorKind.Unreachable, _operation, "the response broke off: " + e.Message, inner: e);
        }
        if (read == 0 && buffer.Length > 0
            && _response.TrailingHeaders.TryGetValues(StreamErrorTrailer, out var errors))
        {
            var message = string.Join("; ", errors);
            throw new IpfsException(IpfsErrorKind.Node, _operation, message, _response.StatusCode, message);
        }
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _response.Dispose();
        }
        base.Dispose(disposing);
    }
}
