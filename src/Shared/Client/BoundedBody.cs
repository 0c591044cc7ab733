using System.Buffers;

namespace Facade.Shared.Client;

/// <summary>
/// Reads a response body up to a limit. Token, error and manifest bodies are read whole, so a
/// hostile or broken server must not be able to make the client buffer without bound.
/// </summary>
public static class BoundedBody
{
    /// <summary>The cap for token and error bodies.</summary>
    public const int SmallBodyLimit = 64 * 1024;

    /// <summary>
    /// Reads the whole content; throws <see cref="InvalidDataException"/> when it exceeds
    /// <paramref name="limit"/> bytes (by its declared length or by what arrives).
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > limit) throw new InvalidDataException($"response body of {declared} bytes exceeds the limit of {limit}");
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, declared is { } d ? d + 1 : 16 * 1024));
        try
        {
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total > limit) break;
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, buffer.Length * 2L));
                    buffer.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
            }
            if (total > limit) throw new InvalidDataException($"response body exceeds the limit of {limit} bytes");
            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads at most the small-body limit, returning an empty array for a body that is too large.</summary>
    public static async Task<byte[]> ReadSmallOrEmptyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(content, SmallBodyLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or HttpRequestException)
        {
            return [];
        }
    }
}
