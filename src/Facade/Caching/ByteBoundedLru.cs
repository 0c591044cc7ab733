namespace Facade.Caching;

/// <summary>
/// A least-recently-used map bounded by the bytes its entries account for (the caller says what
/// an entry weighs). Reading an entry makes it the most recent; adding one evicts from the least
/// recent end until the total fits. An entry heavier than the whole bound is not kept at all,
/// so one huge value cannot flush everything else. Thread-safe; every operation is O(1) under
/// one short lock, which keeps the hit path cheap next to the I/O a miss would cost.
/// </summary>
internal sealed class ByteBoundedLru<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Item>> _map;
    private readonly LinkedList<Item> _order = new();
    private readonly Func<TKey, TValue, long> _weigh;
    private readonly Lock _lock = new();
    private long _bytes;

    /// <param name="maxBytes">The bound; zero or less keeps nothing.</param>
    /// <param name="weigh">Approximate bytes held by one entry (key and value).</param>
    /// <param name="comparer">Key comparer (default when null).</param>
    public ByteBoundedLru(long maxBytes, Func<TKey, TValue, long> weigh, IEqualityComparer<TKey>? comparer = null)
    {
        MaxBytes = maxBytes;
        _weigh = weigh;
        _map = new Dictionary<TKey, LinkedListNode<Item>>(comparer);
    }

    /// <summary>The bound in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>Bytes currently accounted for.</summary>
    public long Bytes
    {
        get { lock (_lock) return _bytes; }
    }

    /// <summary>Entries currently held.</summary>
    public int Count
    {
        get { lock (_lock) return _map.Count; }
    }

    /// <summary>The value for a key, made most recent; false when absent.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>Adds or replaces an entry as the most recent, evicting the least recent beyond the bound.</summary>
    public void Set(TKey key, TValue value)
    {
        var weight = Math.Max(1, _weigh(key, value));
        lock (_lock)
        {
            if (_map.Remove(key, out var old)) Unlink(old);
            if (weight > MaxBytes) return;
            var node = _order.AddFirst(new Item(key, value, weight));
            _map[key] = node;
            _bytes += weight;
            while (_bytes > MaxBytes && _order.Last is { } last)
            {
                _map.Remove(last.Value.Key);
                Unlink(last);
            }
        }
    }

    /// <summary>Removes an entry; false when it was absent.</summary>
    public bool Remove(TKey key)
    {
        lock (_lock)
        {
            if (!_map.Remove(key, out var node)) return false;
            Unlink(node);
            return true;
        }
    }

    /// <summary>Removes every entry; returns the keys that were held.</summary>
    public IReadOnlyList<TKey> Clear()
    {
        lock (_lock)
        {
            var keys = _map.Keys.ToList();
            _map.Clear();
            _order.Clear();
            _bytes = 0;
            return keys;
        }
    }

    private void Unlink(LinkedListNode<Item> node)
    {
        _order.Remove(node);
        _bytes -= node.Value.Weight;
    }

    private readonly record struct Item(TKey Key, TValue Value, long Weight);
}
