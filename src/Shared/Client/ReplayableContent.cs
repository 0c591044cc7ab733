namespace Facade.Shared.Client;

/// <summary>Decides whether a request can be sent a second time with the same body.</summary>
internal static class ReplayableContent
{
    /// <summary>
    /// True when the body can be sent again: no body, an in-memory body, or a small body of known
    /// length, which is buffered here. Streams of unknown or large length cannot be rewound.
    /// </summary>
    public static async Task<bool> EnsureAsync(HttpRequestMessage request, long maxBuffered, CancellationToken cancellationToken)
    {
        var content = request.Content;
        if (content is null or ByteArrayContent or ReadOnlyMemoryContent) return true;
        if (content.Headers.ContentLength is not { } length || length > maxBuffered) return false;
        await content.LoadIntoBufferAsync(maxBuffered, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>True when the body is known to be repeatable without buffering anything.</summary>
    public static bool IsRepeatable(HttpContent? content) =>
        content is null or ByteArrayContent or ReadOnlyMemoryContent;
}
