namespace Facade.Storage;

/// <summary>One file of the cache as the index knows it: its size and when it was last used.</summary>
internal sealed class CacheEntry(long size, long lastAccess)
{
    private long _lastAccess = lastAccess;

    public long Size { get; } = size;

    /// <summary>A <see cref="TimeProvider"/> timestamp; only compared with other entries'.</summary>
    public long LastAccess => Interlocked.Read(ref _lastAccess);

    public void Touch(long now) => Interlocked.Exchange(ref _lastAccess, now);
}
