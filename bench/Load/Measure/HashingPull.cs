using System.Diagnostics;
using System.Security.Cryptography;
using Facade.Shared.Oci;

namespace Facade.Load.Measure;

/// <summary>
/// One GET of a blob read to the end through SHA-256, so a throughput number is only reported for
/// bytes that were the right ones.
/// </summary>
internal static class HashingPull
{
    private const int BufferSize = 128 * 1024;

    public static Task<PullResult> RunAsync(Uri blobUrl, Digest expected, TimeSpan limit, CancellationToken ct) =>
        RunAsync(new HttpRequestMessage(HttpMethod.Get, blobUrl), expected, limit, ct);

    /// <summary>Sends <paramref name="request"/> (disposed here) and hashes its response body.</summary>
    public static async Task<PullResult> RunAsync(HttpRequestMessage request, Digest expected, TimeSpan limit, CancellationToken ct)
    {
        using var sent = request;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit);
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long total = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(sent, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            if (!response.IsSuccessStatusCode) return new PullResult(clock.Elapsed.TotalSeconds, 0, false, $"HTTP {(int)response.StatusCode}");
            await using var body = await response.Content.ReadAsStreamAsync(bounded.Token);
            int read;
            while ((read = await body.ReadAsync(buffer, bounded.Token)) > 0)
            {
                hasher.AppendData(buffer, 0, read);
                total += read;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new PullResult(clock.Elapsed.TotalSeconds, total, false, e.GetType().Name + ": " + e.Message);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var matches = expected.MatchesHash(hasher);
        return new PullResult(seconds, total, matches, matches ? null : $"sha256 of the {total} bytes received is not {expected.Value}");
    }
}
