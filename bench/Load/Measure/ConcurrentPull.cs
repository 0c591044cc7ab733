using System.Diagnostics;

namespace Facade.Load.Measure;

/// <summary>
/// Starts N GETs of one blob at the same moment and reads every body to the end (counting, not
/// keeping, the bytes). A download counts as complete when it got 200 and exactly the blob's size.
/// </summary>
internal static class ConcurrentPull
{
    private const int BufferSize = 128 * 1024;

    public static async Task<ColdPullResult> RunAsync(Uri blobUrl, long expectedSize, int clients, TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = clients, AllowAutoRedirect = true })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit);
        using var start = new SemaphoreSlim(0);
        var watch = new Stopwatch();
        var downloads = Enumerable.Range(0, clients).Select(_ => DownloadAsync(http, blobUrl, start, bounded.Token)).ToArray();
        watch.Start();
        start.Release(clients);
        var results = await Task.WhenAll(downloads);
        watch.Stop();
        ct.ThrowIfCancellationRequested();
        var complete = results.Count(r => r.Error is null && r.Bytes == expectedSize);
        var firstError = results.Select(r => r.Error ?? (r.Bytes == expectedSize ? null : $"got {r.Bytes} of {expectedSize} bytes"))
            .FirstOrDefault(e => e is not null);
        return new ColdPullResult(watch.Elapsed.TotalSeconds, complete, clients - complete, results.Sum(r => r.Bytes), firstError);
    }

    private static async Task<(long Bytes, string? Error)> DownloadAsync(HttpClient http, Uri url, SemaphoreSlim start, CancellationToken ct)
    {
        await start.WaitAsync(ct);
        long total = 0;
        var buffer = new byte[BufferSize];
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode) return (0, $"HTTP {(int)response.StatusCode}");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0) total += read;
            return (total, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return (total, e.GetType().Name + ": " + e.Message);
        }
    }
}
