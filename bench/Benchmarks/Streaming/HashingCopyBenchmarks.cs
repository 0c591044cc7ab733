using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace Facade.Benchmarks.Streaming;

/// <summary>
/// The facade's blob hot path in isolation: 16 MiB pass through a pooled 128 KiB chunk, an
/// incremental SHA-256 and a <see cref="PipeWriter"/> whose reader drains concurrently (as Kestrel
/// does). The copy-only variant shows what the hashing costs.
/// </summary>
[MemoryDiagnoser]
public class HashingCopyBenchmarks
{
    private const int BlobSize = 16 * 1024 * 1024;
    private const int ChunkSize = 128 * 1024;
    private byte[] _blob = [];

    /// <summary>Random content, so nothing is special-cased.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _blob = new byte[BlobSize];
        new Random(42).NextBytes(_blob);
    }

    /// <summary>Chunk, hash and write; returns the hash so the work is observable.</summary>
    [Benchmark(Baseline = true)]
    public Task<byte[]> HashAndCopy() => RunAsync(hash: true);

    /// <summary>Chunk and write only.</summary>
    [Benchmark]
    public Task<byte[]> CopyOnly() => RunAsync(hash: false);

    private async Task<byte[]> RunAsync(bool hash)
    {
        var pipe = new Pipe(new PipeOptions(useSynchronizationContext: false));
        var drain = DrainAsync(pipe.Reader);
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (var offset = 0; offset < _blob.Length; offset += ChunkSize)
            {
                var length = Math.Min(ChunkSize, _blob.Length - offset);
                // Stands in for the read from the upstream body into the pooled buffer.
                _blob.AsSpan(offset, length).CopyTo(chunk);
                if (hash) hasher.AppendData(chunk, 0, length);
                var flush = await pipe.Writer.WriteAsync(chunk.AsMemory(0, length)).ConfigureAwait(false);
                if (flush.IsCompleted) break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        var drained = await drain.ConfigureAwait(false);
        if (drained != _blob.Length) throw new InvalidOperationException($"drained {drained} of {_blob.Length} bytes");
        return hasher.GetHashAndReset();
    }

    private static async Task<long> DrainAsync(PipeReader reader)
    {
        long total = 0;
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            total += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted) break;
        }
        await reader.CompleteAsync().ConfigureAwait(false);
        return total;
    }
}
