using Facade.Shared.Oci;
using Facade.Storage;

namespace Facade.Tests.Unit;

/// <summary>
/// Eviction and the background verification take snapshots of the index while fills commit and
/// damaged entries are dropped on other threads; a snapshot must never fail because of that
/// (a soak found eviction throwing mid-fill, which cut the fill's readers).
/// </summary>
public sealed class CacheIndexConcurrencyTests
{
    [Fact]
    public async Task Snapshots_taken_while_entries_come_and_go_never_throw()
    {
        var index = new CacheIndex(TimeProvider.System);
        var entries = Enumerable.Range(0, 2048)
            .Select(i => (Key: $"blobs/sha256/{i}", Entry: new CacheEntry(Digest.Sha256Of(BitConverter.GetBytes(i)), false, $"/nonexistent/{i}", 1000 + i, 0)))
            .ToArray();
        using var stop = new CancellationTokenSource();
        using var churning = new ManualResetEventSlim();
        var churn = Task.Run(() =>
        {
            churning.Set();
            while (!stop.IsCancellationRequested)
                foreach (var (key, entry) in entries)
                {
                    index.Add(key, entry);
                    index.Forget(key, entry);
                    index.Add(key, entry);
                }
        });
        try
        {
            churning.Wait();
            var until = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < until)
            {
                var ordered = index.LeastRecentFirst();
                Assert.True(ordered.Count <= entries.Length);
                Assert.True(index.Snapshot().Count <= entries.Length);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await churn;
        }
    }
}
