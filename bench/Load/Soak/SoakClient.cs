using System.Security.Cryptography;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Load.Soak;

/// <summary>
/// One simulated client of the soak: in a loop, with its own seeded random choice, it pulls an
/// image (manifest by tag, then config and layers), fetches a manifest by digest, fetches a
/// single layer, or starts a layer and leaves after its first bytes. Every byte is hashed.
/// </summary>
internal sealed class SoakClient(Func<Uri> facade, IReadOnlyList<(string Repository, GeneratedImage Image)> images, SoakTally tally, int seed)
{
    private const int BufferSize = 64 * 1024;
    private readonly Random _random = new(seed);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    public async Task RunAsync(CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        while (!ct.IsCancellationRequested)
        {
            var (repository, image) = images[_random.Next(images.Count)];
            var layer = image.Layers[_random.Next(image.Layers.Count)];
            var roll = _random.Next(100);
            try
            {
                if (roll < 40)
                {
                    await FetchAsync($"/v2/{repository}/manifests/v1", image.Digest, image.ManifestBytes.Length, image.MediaType, buffer, ct);
                    foreach (var blob in image.Blobs)
                        await FetchAsync($"/v2/{repository}/blobs/{blob.Digest}", blob.Digest, blob.Size, null, buffer, ct);
                }
                else if (roll < 55) await FetchAsync($"/v2/{repository}/manifests/{image.Digest}", image.Digest, image.ManifestBytes.Length, image.MediaType, buffer, ct);
                else if (roll < 65) await LeaveEarlyAsync($"/v2/{repository}/blobs/{layer.Digest}", buffer, ct);
                else await FetchAsync($"/v2/{repository}/blobs/{layer.Digest}", layer.Digest, layer.Size, null, buffer, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task FetchAsync(string path, Digest digest, long length, string? accept, byte[] buffer, CancellationToken ct)
    {
        long received = 0;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(facade(), path));
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                tally.Error(DateTimeOffset.UtcNow, $"HTTP {(int)response.StatusCode} {Kind(path)}");
                return;
            }
            using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                hasher.AppendData(buffer, 0, read);
                received += read;
            }
            // The body ended cleanly: anything but the exact bytes is a wrong answer.
            if (received == length && digest.MatchesHash(hasher)) tally.Good(received);
            else tally.WrongBytes($"{path}: {received} of {length} bytes, digest {(digest.MatchesHash(hasher) ? "matches" : "differs")}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            tally.Error(DateTimeOffset.UtcNow, $"{e.GetType().Name} {Kind(path)} after {received} bytes");
        }
    }

    private async Task LeaveEarlyAsync(string path, byte[] buffer, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(facade(), path), HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                tally.Error(DateTimeOffset.UtcNow, $"HTTP {(int)response.StatusCode} {Kind(path)}");
                return;
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            _ = await body.ReadAsync(buffer.AsMemory(0, 1024), ct);
            tally.Left(); // disposing the response here cuts the connection mid-body
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            tally.Error(DateTimeOffset.UtcNow, $"{e.GetType().Name} {Kind(path)} (leaving early)");
        }
    }

    private static string Kind(string path) => path.Contains("/blobs/", StringComparison.Ordinal) ? "blob" : "manifest";
}
