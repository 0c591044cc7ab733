namespace Facade.Blobs;

/// <summary>
/// The body of a blob as a fill reads it: the stream, its length when the source said, and a
/// label for metrics ("upstream", "ipfs"). Disposing it releases the response behind the stream.
/// </summary>
internal sealed class FetchedBody(Stream body, long? length, string source, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Body { get; } = body;
    public long? Length { get; } = length;
    public string Source { get; } = source;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        owner?.Dispose();
    }
}
