using System.Buffers;
using System.Diagnostics;

namespace Facade.Load.Tls;

/// <summary>
/// One GET of a blob on a given client, read to the end into a pooled buffer (counted, not kept):
/// wall time from sending the request, time to the first body byte, bytes, and the HTTP version
/// the response came on.
/// </summary>
internal static class TimedPull
{
    // As the facade's fill reads its upstream: how large the reads come back shows the per-chunk work.
    private const int BufferSize = 1024 * 1024;

    public static async Task<PullTiming> GetAsync(HttpClient http, Uri url, long expected, TimeSpan limit, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var watch = Stopwatch.StartNew();
        double? first = null;
        long total = 0;
        var reads = 0;
        var version = "-";
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            version = response.Version.ToString();
            if (!response.IsSuccessStatusCode) return new PullTiming(watch.Elapsed.TotalSeconds, 0, 0, 0, version, $"HTTP {(int)response.StatusCode}");
            await using var body = await response.Content.ReadAsStreamAsync(bounded.Token);
            int read;
            while ((read = await body.ReadAsync(buffer, bounded.Token)) > 0)
            {
                first ??= watch.Elapsed.TotalSeconds;
                total += read;
                reads++;
            }
            var error = total == expected ? null : $"got {total} of {expected} bytes";
            return new PullTiming(watch.Elapsed.TotalSeconds, first ?? 0, total, reads, version, error);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new PullTiming(watch.Elapsed.TotalSeconds, first ?? 0, total, reads, version, e.GetType().Name + ": " + e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
