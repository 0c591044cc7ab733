namespace Facade.Shared.Tests.Client;

/// <summary>
/// The innermost handler of a client under test: counts the response body bytes the client's own
/// code reads (not what the connection drains on its own after the body is abandoned).
/// </summary>
internal sealed class BodyCounter : DelegatingHandler
{
    private long _read;

    public long Read => Interlocked.Read(ref _read);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var counted = new StreamContent(new CountingReadStream(body, n => Interlocked.Add(ref _read, n)));
        foreach (var header in response.Content.Headers) counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = counted;
        return response;
    }

    private sealed class CountingReadStream(Stream inner, Action<int> onRead) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            onRead(read);
            return read;
        }
    }
}
