using System.Diagnostics;

namespace Facade.Load.Measure;

/// <summary>
/// GETs one URL a number of times, one after the other on one keep-alive connection, timing
/// each request to its last body byte; every answer must be 200.
/// </summary>
internal static class SequentialLatency
{
    /// <summary>Milliseconds per request, in order; throws on the first non-200 answer.</summary>
    public static async Task<double[]> RunAsync(Uri url, string accept, int count, TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1 }) { Timeout = Timeout.InfiniteTimeSpan };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await http.SendAsync(request, bounded.Token);
            var body = await response.Content.ReadAsByteArrayAsync(bounded.Token);
            samples[i] = clock.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }
        return samples;
    }

    /// <summary>The nearest-rank percentile (0..100) of <paramref name="samples"/>.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
