using Facade.Load.Seed;
using Facade.Shared.Client;
using Facade.Shared.Oci;

namespace Facade.Load.Host;

/// <summary>
/// The warm-up before a measured cold pull, the same for every run and every server: two passes
/// of eight 8 MiB blobs of their own (so the second pass fills cold too), each fetched once and
/// then <c>cachedReads</c> more times, with a wait for an idle process after each pass; then
/// <see cref="TierBlobs"/> small blobs, each fetched cold once and read back the same way.
/// A method of the .NET runtime reaches its final tier only after some 60 calls (30 to be
/// instrumented, 30 more to be optimised), and code that runs once per request gets one call per
/// fill: with the passes alone, a new facade was still compiling during the measured pulls (1.6
/// CPU-s of JIT after the first 15 fills, quiet only after about 60), which was charged to the
/// cold path. A long-running facade has long finished that; the measured pull should see it so.
/// </summary>
internal static class WarmUp
{
    public const int BlobsPerPass = 8;
    public const int Passes = 2;
    // Large enough that a cold warm-up fill runs its chunk loop a few dozen times.
    public const int BlobBytes = 8 * 1024 * 1024;
    // How often a facade reads each warm-up blob again from its cache.
    public const int CachedReads = 3;
    // Enough fills, with the passes, for per-request code to reach its final tier.
    public const int TierBlobs = 80;
    public const int TierBlobBytes = 64 * 1024;
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    /// <summary>Pushes the warm-up blobs to <paramref name="repository"/>: the passes' blobs, then the small ones.</summary>
    public static async Task<IReadOnlyList<Digest>> SeedAsync(RegistryClient client, string repository, string workDirectory, CancellationToken ct)
    {
        var blobs = new List<Digest>();
        for (var i = 0; i < BlobsPerPass * Passes; i++)
            blobs.Add(await UpstreamSeeder.PushRandomBlobAsync(client, repository, BlobBytes, workDirectory, ct));
        for (var i = 0; i < TierBlobs; i++)
            blobs.Add(await UpstreamSeeder.PushRandomBlobAsync(client, repository, TierBlobBytes, workDirectory, ct));
        return blobs;
    }

    /// <summary>
    /// Runs the passes and the small blobs; <paramref name="get"/> fetches one blob of the given
    /// size whole and returns an error or null; <paramref name="pid"/> is the server process to
    /// wait for (null: none, a client-side warm-up).
    /// </summary>
    public static async Task RunAsync(IReadOnlyList<Digest> blobs, int? pid, int cachedReads, Func<Digest, long, Task<string?>> get, CancellationToken ct)
    {
        for (var pass = 0; pass < Passes; pass++)
        {
            await FetchAsync(blobs.Skip(pass * BlobsPerPass).Take(BlobsPerPass), BlobBytes, cachedReads, get);
            if (pid is { } process) await CpuSettle.WaitIdleAsync(process, SettleLimit, ct);
        }
        await FetchAsync(blobs.Skip(Passes * BlobsPerPass), TierBlobBytes, cachedReads, get);
        if (pid is { } server) await CpuSettle.WaitIdleAsync(server, SettleLimit, ct);
    }

    private static async Task FetchAsync(IEnumerable<Digest> blobs, long size, int cachedReads, Func<Digest, long, Task<string?>> get)
    {
        foreach (var blob in blobs)
            for (var i = 0; i <= cachedReads; i++)
                if (await get(blob, size) is { } error) throw new InvalidOperationException($"warm-up GET of {blob} failed: {error}");
    }
}
