using Facade.Shared.Oci;

namespace Facade.Storage;

/// <summary>
/// One file of the cache as the index knows it: what it holds, where it is, the size its name
/// records (the length it had when committed), and when it was last used.
/// </summary>
internal sealed class CacheEntry(Digest digest, bool isManifest, string path, long size, long lastAccess)
{
    private long _lastAccess = lastAccess;

    public Digest Digest { get; } = digest;

    /// <summary>A manifest file (media type line, then the bytes) rather than a blob.</summary>
    public bool IsManifest { get; } = isManifest;

    /// <summary>The file, named <c>&lt;hex&gt;.&lt;size&gt;</c>.</summary>
    public string Path { get; } = path;

    public long Size { get; } = size;

    /// <summary>A <see cref="TimeProvider"/> timestamp; only compared with other entries'.</summary>
    public long LastAccess => Interlocked.Read(ref _lastAccess);

    public void Touch(long now) => Interlocked.Exchange(ref _lastAccess, now);
}
