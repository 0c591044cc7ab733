using Facade.Blobs;
using Facade.Shared.Oci;
using Facade.Tests.Infrastructure;
using Facade.TestSupport;
using Facade.Upstreams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Facade.Tests.Unit;

/// <summary>
/// The fill's copy: the origin's bytes reach the file in order whatever sizes its reads come in,
/// readers hear only of bytes already in the file, and a failing or lying origin ends the copy
/// with its error instead of a hang.
/// </summary>
public sealed class FillCopyTests : IDisposable
{
    private const int BlobSize = 5 * 1024 * 1024 + 123;
    private readonly FillTestContext _context = new();
    private readonly TempDir _dir = new("fillcopy");

    [Fact]
    public async Task Reads_of_any_size_land_in_order_and_readers_hear_only_of_bytes_in_the_file()
    {
        var blob = RandomBytes(BlobSize, seed: 1);
        using var file = NewFile(out var path);
        long announced = 0;
        var behindTheFile = 0;
        await RunAsync(new ChoppyStream(blob, seed: 2), blob.Length, Digest.Sha256Of(blob), file, written =>
        {
            announced += written;
            if (RandomAccess.GetLength(file) < announced) behindTheFile++;
        });

        Assert.Equal(blob.Length, announced);
        Assert.Equal(0, behindTheFile);
        file.Dispose();
        Assert.Equal(blob, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_blob_larger_than_a_flush_step_is_flushed_along_the_way_and_lands_whole()
    {
        var blob = RandomBytes(40 * 1024 * 1024, seed: 10);
        using var file = NewFile(out var path);
        await RunAsync(new ChoppyStream(blob, seed: 11), blob.Length, Digest.Sha256Of(blob), file, _ => { });
        file.Dispose();
        Assert.Equal(blob, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_flush_the_disk_refuses_fails_the_fill_as_a_cache_write_failure()
    {
        // fdatasync of a character device fails (EINVAL), as a failing disk's would.
        using var device = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var flush = new BackgroundFlush(device);
        flush.Written(64L * 1024 * 1024);
        var error = await Assert.ThrowsAsync<CacheWriteException>(flush.FinishAsync);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task A_write_the_disk_refuses_fails_the_copy_at_once_even_while_the_origin_stalls()
    {
        var blob = RandomBytes(BlobSize, seed: 12);
        // Every write to /dev/full fails with ENOSPC, as a full cache disk's would.
        using var full = File.OpenHandle("/dev/full", FileMode.Open, FileAccess.Write);
        // One read's worth of bytes, then nothing: the write of that first chunk fails while the
        // next read is already waiting on the origin.
        var stalling = new ChoppyStream(blob, seed: 13, stallAt: 1);
        var copy = RunAsync(stalling, blob.Length, Digest.Sha256Of(blob), full, _ => { });
        // The idle timeout is a minute on a clock that never moves: only abandoning the read ends it.
        var error = await Assert.ThrowsAsync<CacheWriteException>(() => copy.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.IsType<IOException>(error.InnerException);
        Assert.True(stalling.Stalled, "the origin never reached its stall, so the test proved nothing about it");
    }

    [Fact]
    public async Task Bytes_that_do_not_match_the_digest_end_the_copy_as_a_mismatch()
    {
        var blob = RandomBytes(BlobSize, seed: 3);
        var other = RandomBytes(BlobSize, seed: 4);
        using var file = NewFile(out _);
        await Assert.ThrowsAsync<ContentMismatchException>(() =>
            RunAsync(new ChoppyStream(other, seed: 5), other.Length, Digest.Sha256Of(blob), file, _ => { }));
    }

    [Fact]
    public async Task An_origin_that_sends_more_than_the_blob_is_stopped_and_refused()
    {
        var blob = RandomBytes(BlobSize, seed: 6);
        var longer = new byte[blob.Length * 3];
        blob.CopyTo(longer, 0);
        using var file = NewFile(out _);
        await Assert.ThrowsAsync<ContentMismatchException>(() =>
            RunAsync(new ChoppyStream(longer, seed: 7), blob.Length, Digest.Sha256Of(blob), file, _ => { }));
        Assert.True(RandomAccess.GetLength(file) < longer.Length, "the copy read on to the origin's end");
    }

    [Fact]
    public async Task A_body_that_breaks_and_cannot_be_resumed_fails_the_copy()
    {
        var blob = RandomBytes(BlobSize, seed: 8);
        using var file = NewFile(out _);
        var broken = new ChoppyStream(blob, seed: 9, breakAt: 2 * 1024 * 1024);
        var error = await Assert.ThrowsAsync<IOException>(() => RunAsync(broken, blob.Length, Digest.Sha256Of(blob), file, _ => { }));
        Assert.Contains("resume", error.Message, StringComparison.Ordinal);
    }

    private async Task RunAsync(Stream source, long length, Digest digest, Microsoft.Win32.SafeHandles.SafeFileHandle file, Action<long> written)
    {
        var origin = new NoResumeOrigin();
        await using var body = new ResumingStream(new FetchedBody(source, length, origin), [origin], _context.Target, digest, NullLogger.Instance);
        using var idle = new IdleWatchdog(TimeSpan.FromMinutes(1), new FakeTimeProvider(), CancellationToken.None);
        await FillCopy.RunAsync(body, file, digest, idle, _context.Metrics, written, CancellationToken.None);
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle NewFile(out string path)
    {
        path = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N"));
        return File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
    }

    private static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose()
    {
        _context.Dispose();
        _dir.Dispose();
    }

    /// <summary>
    /// Hands its bytes over in reads of 1 byte to 300 KiB, as TLS records, HTTP chunks and socket
    /// reads do; optionally breaks, or stalls (waits until cancelled) at a position.
    /// </summary>
    private sealed class ChoppyStream(byte[] bytes, int seed, long breakAt = long.MaxValue, long stallAt = long.MaxValue) : Stream
    {
        private readonly Random _sizes = new(seed);
        private long _position;

        public bool Stalled { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_sizes.Next(4) == 0) await Task.Yield();
            if (_position >= breakAt) throw new IOException("the connection was reset");
            if (_position >= stallAt)
            {
                Stalled = true;
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            var size = (int)Math.Min(Math.Min(buffer.Length, _sizes.Next(1, 300 * 1024)), bytes.Length - _position);
            bytes.AsMemory((int)_position, size).CopyTo(buffer);
            _position += size;
            return size;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An origin that cannot be asked again: a broken body ends the fill.</summary>
    private sealed class NoResumeOrigin : IFillOrigin
    {
        public string Name => "test";
        public Task<FetchedBody?> OpenAsync(UpstreamTarget target, Digest digest, long offset, CancellationToken ct) => Task.FromResult<FetchedBody?>(null);
        public Task<long?> LengthAsync(UpstreamTarget target, Digest digest, CancellationToken ct) => Task.FromResult<long?>(null);
        public void Received(int bytes) { }
        public void Broke(Digest digest, FetchedBody body, string reason) { }
        public Task VerifiedAsync(Digest digest, FetchedBody body) => Task.CompletedTask;
        public Task RejectedAsync(Digest digest, FetchedBody body) => Task.CompletedTask;
    }
}
