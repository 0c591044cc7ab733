using Facade.Load.Seed;
using Facade.Shared.Client;
using Facade.Shared.Oci;

namespace Facade.Load.Host;

/// <summary>
/// The warm-up before a measured cold pull, the same for every run and every server: two passes
/// of eight 8 MiB blobs of their own (so the second pass fills cold too), each fetched once and
/// then <c>cachedReads</c> more times, with a wait for an idle process after each pass. The
/// runtime counts calls only once start-up JIT has been quiet for a moment, so calls of the first
/// pass may not count; the second promotes the request path to its final tier, and the wait lets
/// that compilation finish before the measured pull.
/// </summary>
internal static class WarmUp
{
    public const int BlobsPerPass = 8;
    public const int Passes = 2;
    // Large enough that a cold warm-up fill runs its chunk loop a few dozen times.
    public const int BlobBytes = 8 * 1024 * 1024;
    // How often a facade reads each warm-up blob again from its cache.
    public const int CachedReads = 3;
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    /// <summary>Pushes the warm-up blobs to <paramref name="repository"/>.</summary>
    public static async Task<IReadOnlyList<Digest>> SeedAsync(RegistryClient client, string repository, string workDirectory, CancellationToken ct)
    {
        var blobs = new List<Digest>();
        for (var i = 0; i < BlobsPerPass * Passes; i++)
            blobs.Add(await UpstreamSeeder.PushRandomBlobAsync(client, repository, BlobBytes, workDirectory, ct));
        return blobs;
    }

    /// <summary>
    /// Runs the passes; <paramref name="get"/> fetches one blob whole and returns an error or null;
    /// <paramref name="pid"/> is the server process to wait for (null: none, a client-side warm-up).
    /// </summary>
    public static async Task RunAsync(IReadOnlyList<Digest> blobs, int? pid, int cachedReads, Func<Digest, Task<string?>> get, CancellationToken ct)
    {
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var blob in blobs.Skip(pass * BlobsPerPass).Take(BlobsPerPass))
                for (var i = 0; i <= cachedReads; i++)
                    if (await get(blob) is { } error) throw new InvalidOperationException($"warm-up GET of {blob} failed: {error}");
            if (pid is { } process) await CpuSettle.WaitIdleAsync(process, SettleLimit, ct);
        }
    }
}
