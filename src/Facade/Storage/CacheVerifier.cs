using System.Buffers;
using Facade.Configuration;
using Microsoft.Extensions.Options;

namespace Facade.Storage;

/// <summary>
/// <c>Facade:Cache:VerifyOnStart</c>: re-hashes every entry in the background after start-up
/// (start-up itself is not delayed; requests are served meanwhile) and drops those whose bytes
/// do not match their digest. Catches what a length check cannot: bytes damaged in place.
/// </summary>
internal sealed class CacheVerifier(ContentStore store, IOptions<FacadeOptions> options, ILogger<CacheVerifier> log) : BackgroundService
{
    private const int BufferSize = 256 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Cache.VerifyOnStart) return;
        // Let start-up finish first; verification only competes with requests for the disk.
        await Task.Yield();
        int checkedCount = 0, dropped = 0;
        foreach (var (key, entry) in store.Index.Snapshot())
        {
            if (stoppingToken.IsCancellationRequested) return;
            var problem = await CheckAsync(entry, stoppingToken).ConfigureAwait(false);
            checkedCount++;
            if (problem is null) continue;
            store.Drop(key, entry, problem);
            dropped++;
        }
        StorageLog.Verified(log, checkedCount, dropped);
    }

    // Null when the entry is sound; else why not. An entry evicted meanwhile is sound (gone).
    private static async Task<string?> CheckAsync(CacheEntry entry, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var handle = File.OpenHandle(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var length = RandomAccess.GetLength(handle);
            if (length != entry.Size) return $"{length} bytes on disk, {entry.Size} committed";
            using var hasher = entry.Digest.CreateHasher();
            long position = 0;
            var skip = entry.IsManifest ? -1 : 0; // a manifest's hash starts after its media type line
            while (true)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, BufferSize), position, ct).ConfigureAwait(false);
                if (read == 0) break;
                position += read;
                var start = 0;
                if (skip < 0)
                {
                    var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
                    if (newline < 0) continue;
                    start = newline + 1;
                    skip = 0;
                }
                hasher.AppendData(buffer, start, read - start);
            }
            return skip < 0 ? "no media type line" : entry.Digest.MatchesHash(hasher) ? null : "bytes do not match the digest";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
