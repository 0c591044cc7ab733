using Facade.Caching;

namespace Facade.Tests.Unit;

public sealed class ByteBoundedLruTests
{
    private static ByteBoundedLru<string, byte[]> Create(long maxBytes) => new(maxBytes, static (_, v) => v.Length, StringComparer.Ordinal);

    [Fact]
    public void Evicts_the_least_recently_used_first_when_over_the_byte_bound()
    {
        var lru = Create(100);
        lru.Set("a", new byte[40]);
        lru.Set("b", new byte[40]);
        Assert.True(lru.TryGet("a", out _)); // a is now more recent than b
        lru.Set("c", new byte[40]);          // 120 > 100: b goes, a and c stay

        Assert.False(lru.TryGet("b", out _));
        Assert.True(lru.TryGet("a", out _));
        Assert.True(lru.TryGet("c", out _));
        Assert.Equal(80, lru.Bytes);
        Assert.Equal(2, lru.Count);
    }

    [Fact]
    public void Evicts_as_many_entries_as_needed_for_a_heavy_one()
    {
        var lru = Create(100);
        for (var i = 0; i < 10; i++) lru.Set("k" + i, new byte[10]);
        lru.Set("big", new byte[75]);

        Assert.True(lru.TryGet("big", out _));
        Assert.Equal(3, lru.Count); // k8 and k9 survive next to big
        Assert.True(lru.TryGet("k8", out _));
        Assert.True(lru.TryGet("k9", out _));
        Assert.False(lru.TryGet("k7", out _));
        Assert.Equal(95, lru.Bytes);
    }

    [Fact]
    public void An_entry_heavier_than_the_bound_is_not_kept_and_flushes_nothing()
    {
        var lru = Create(100);
        lru.Set("a", new byte[50]);
        lru.Set("huge", new byte[101]);

        Assert.False(lru.TryGet("huge", out _));
        Assert.True(lru.TryGet("a", out _));
        Assert.Equal(50, lru.Bytes);
    }

    [Fact]
    public void Replacing_and_removing_keep_the_byte_count_exact()
    {
        var lru = Create(100);
        lru.Set("a", new byte[30]);
        lru.Set("a", new byte[60]);
        Assert.Equal(60, lru.Bytes);
        Assert.True(lru.TryGet("a", out var value));
        Assert.Equal(60, value.Length);

        Assert.True(lru.Remove("a"));
        Assert.False(lru.Remove("a"));
        Assert.Equal(0, lru.Bytes);
        Assert.Equal(0, lru.Count);
    }

    [Fact]
    public void Concurrent_use_never_exceeds_the_bound()
    {
        var lru = Create(1000);
        Parallel.For(0, 20_000, i =>
        {
            lru.Set("k" + (i % 500), new byte[1 + i % 37]);
            lru.TryGet("k" + (i * 7 % 500), out _);
            if (i % 11 == 0) lru.Remove("k" + (i % 500));
        });
        Assert.InRange(lru.Bytes, 0, 1000);
    }
}
