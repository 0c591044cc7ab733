using Facade.Blobs;
using Microsoft.Extensions.Time.Testing;

namespace Facade.Tests.Unit;

/// <summary>The fill's block pool on a fake clock: blocks are reused while fills run and unmapped once it goes idle.</summary>
public sealed class FillBuffersTests
{
    private static readonly TimeSpan IdleTrim = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_block_is_a_whole_writable_mebibyte()
    {
        using var pool = new FillBuffers(IdleTrim, new FakeTimeProvider());
        using var block = pool.Rent();
        var span = block.Memory.Span;
        Assert.Equal(FillBuffers.BlockSize, span.Length);
        span.Fill(0x5a);
        span[^1] = 0xa5;
        Assert.Equal(0x5a, block.Memory.Span[0]);
        Assert.Equal(0xa5, block.Memory.Span[^1]);
    }

    [Fact]
    public void Returned_blocks_are_kept_up_to_the_bound_and_reused()
    {
        using var pool = new FillBuffers(IdleTrim, new FakeTimeProvider());
        var blocks = Enumerable.Range(0, FillBuffers.KeptBlocks + 3).Select(_ => pool.Rent()).ToList();
        // Each block is marked; a freshly mapped one reads zero.
        for (var i = 0; i < blocks.Count; i++) blocks[i].Memory.Span[0] = (byte)(i + 1);
        Assert.Equal(blocks.Count, pool.Rented);
        foreach (var block in blocks) block.Dispose();
        Assert.Equal(0, pool.Rented);
        Assert.Equal(FillBuffers.KeptBlocks, pool.Kept);

        using var again = pool.Rent();
        Assert.InRange(again.Memory.Span[0], 1, blocks.Count);
        Assert.Equal(FillBuffers.KeptBlocks - 1, pool.Kept);
    }

    [Fact]
    public void Kept_blocks_are_unmapped_once_nothing_was_rented_for_the_idle_interval()
    {
        var time = new FakeTimeProvider();
        using var pool = new FillBuffers(IdleTrim, time);
        var blocks = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
        foreach (var block in blocks) block.Dispose();
        Assert.Equal(3, pool.Kept);

        time.Advance(IdleTrim - TimeSpan.FromMilliseconds(100));
        Assert.Equal(3, pool.Kept);
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, pool.Kept);
    }

    [Fact]
    public void A_fill_in_progress_keeps_the_pool_from_trimming()
    {
        var time = new FakeTimeProvider();
        using var pool = new FillBuffers(IdleTrim, time);
        var first = pool.Rent();
        var second = pool.Rent();
        first.Dispose();
        second.Dispose();
        var held = pool.Rent();
        Assert.Equal(1, pool.Kept);

        // The timer armed by the earlier return fires while a block is out: nothing is unmapped.
        time.Advance(IdleTrim * 3);
        Assert.Equal(1, pool.Kept);
        held.Memory.Span.Fill(1);

        held.Dispose();
        Assert.Equal(2, pool.Kept);
        time.Advance(IdleTrim + TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, pool.Kept);
    }

    [Fact]
    public void A_returned_block_refuses_its_memory_and_returns_only_once()
    {
        using var pool = new FillBuffers(IdleTrim, new FakeTimeProvider());
        var block = pool.Rent();
        var memory = block.Memory;
        block.Dispose();
        block.Dispose();
        Assert.Equal(0, pool.Rented);
        Assert.Equal(1, pool.Kept);
        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => memory.Pin());
    }

    [Fact]
    public void A_larger_block_than_the_pool_has_is_refused()
    {
        using var pool = new FillBuffers(IdleTrim, new FakeTimeProvider());
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(FillBuffers.BlockSize + 1));
        Assert.Equal(0, pool.Rented);
    }
}
