using System.Buffers;

namespace Facade.Shared.Client;

/// <summary>
/// Reads a response body into memory up to a limit and with a progress timeout. Token, error,
/// manifest, referrers and tag-list bodies are read whole, so a hostile or broken server must not
/// be able to make the client buffer without bound (a chunked body has no length to check up
/// front) or wait forever on a body that stopped moving.
/// </summary>
public static class BoundedBody
{
    /// <summary>The cap for token and error bodies.</summary>
    public const int SmallBodyLimit = 64 * 1024;

    /// <summary>The progress timeout used when the caller names none.</summary>
    public static readonly TimeSpan DefaultProgressTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the whole content; throws <see cref="InvalidDataException"/> when it exceeds
    /// <paramref name="limit"/> bytes (by its declared length or by what arrives), and
    /// <see cref="TimeoutException"/> when no byte arrives for <paramref name="progressTimeout"/>.
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken, TimeSpan? progressTimeout = null)
    {
        var declared = content.Headers.ContentLength;
        if (declared > limit) throw new InvalidDataException($"response body of {declared} bytes exceeds the limit of {limit}");
        var progress = progressTimeout ?? DefaultProgressTimeout;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(progress);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, declared is { } d ? d + 1 : 16 * 1024));
        try
        {
            await using var stream = await content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
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
                var read = await stream.ReadAsync(buffer.AsMemory(total), stall.Token).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
                // Progress, not a deadline for the whole body: every arrival restarts the clock.
                stall.CancelAfter(progress);
            }
            if (total > limit) throw new InvalidDataException($"response body exceeds the limit of {limit} bytes");
            if (declared is { } length && length != total)
                throw new InvalidDataException($"response body ended after {total} of {length} bytes");
            return buffer.AsSpan(0, total).ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"response body made no progress for {progress.TotalSeconds:0.#} s");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads at most the small-body limit, returning an empty array for a body that is too large, slow or broken.</summary>
    public static async Task<byte[]> ReadSmallOrEmptyAsync(HttpContent content, CancellationToken cancellationToken, TimeSpan? progressTimeout = null)
    {
        try
        {
            return await ReadAsync(content, SmallBodyLimit, cancellationToken, progressTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or HttpRequestException or TimeoutException)
        {
            return [];
        }
    }
}
