using Facade.Caching;
using Facade.Configuration;
using Facade.Metrics;
using Facade.Shared.Oci;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Facade.Storage;

/// <summary>
/// The content-addressed disk cache of blobs and manifests (<see cref="CacheLayout"/>). Files
/// appear only by a durable rename of a verified temp file (<see cref="Durable"/>), entries are
/// immutable, a file whose length differs from its recorded size is dropped and never served,
/// the least recently used are evicted beyond the size bound (<see cref="CacheEvictor"/>), and
/// the index is rebuilt from the directory at start (<see cref="CacheLoader"/>). The cache is
/// advisory: when it cannot write, callers stream without it (<see cref="CacheHealth"/>).
/// </summary>
internal sealed class ContentStore : IDisposable
{
    private readonly CacheLayout _layout;
    private readonly CacheLock _lock;
    private readonly TempArea _temp;
    private readonly CacheIndex _index;
    private readonly CacheEvictor _evictor;
    private readonly CacheSpace _space;
    private readonly FacadeMetrics _metrics;
    private readonly ILogger _log;

    // Manifests are small and hot (every pull reads them): recently read ones stay in memory, so
    // a cached manifest costs no file I/O.
    private readonly ByteBoundedLru<string, RawManifest> _hotManifests;

    public ContentStore(IOptions<FacadeOptions> options, FacadeMetrics metrics, TimeProvider time, ILogger<ContentStore> log)
    {
        var cache = options.Value.Cache;
        _layout = new CacheLayout(cache.Directory);
        _temp = new TempArea(_layout.TempDirectory);
        _index = new CacheIndex(time);
        _metrics = metrics;
        _log = log;
        Health = new CacheHealth(log);
        _hotManifests = new ByteBoundedLru<string, RawManifest>(cache.ManifestMemoryBytes,
            static (key, m) => m.Bytes.Length + 2L * (m.MediaType.Length + key.Length) + 128, StringComparer.Ordinal);
        _evictor = new CacheEvictor(_index, _temp, cache.MaxBytes, key => _hotManifests.Remove(key), metrics, log);
        _space = new CacheSpace(_temp, _evictor, Health, _layout.Root);
        _lock = CacheOpening.Open(_layout, _temp, _index, _evictor, cache.MaxBytes, time, log);
        metrics.CacheBytes(_index.TotalBytes);
    }

    /// <summary>Whether the cache can take new entries.</summary>
    public CacheHealth Health { get; }

    /// <summary>The entries (for the background verification).</summary>
    internal CacheIndex Index => _index;

    /// <summary>A fresh path in the temp area, on the same file system as the store (rename is atomic).</summary>
    public string NewTempPath() => _temp.NewPath();

    /// <summary>Promises room for a temp file (see <see cref="CacheSpace"/>); null: stream the blob uncached.</summary>
    public TempReservation? TryReserve(string tempPath, long bytes) => _space.TryReserve(tempPath, bytes);

    /// <summary>Records that writing to the cache failed (a full volume, an I/O error): the cache is degraded.</summary>
    public void ReportWriteFailure(Exception error) => Health.MarkDegraded(error.Message);

    /// <summary>Opens a cached blob for reading, or returns null (absent, or damaged and now dropped).</summary>
    public SafeFileHandle? TryOpenBlob(Digest digest, out long length)
    {
        var key = _layout.BlobKey(digest);
        length = 0;
        if (_index.Use(key) is not { } entry) return null;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Forget(key, entry);
            return null;
        }
        length = RandomAccess.GetLength(handle);
        if (length == entry.Size) return handle;
        handle.Dispose();
        Drop(key, entry, $"{length} bytes on disk, {entry.Size} committed");
        length = 0;
        return null;
    }

    /// <summary>The length of a cached blob, or null.</summary>
    public long? BlobLength(Digest digest) => _index.Find(_layout.BlobKey(digest))?.Size;

    /// <summary>Moves a verified temp file into the store under its digest, durably.</summary>
    public void CommitBlob(Digest digest, string tempPath)
    {
        Commit(_layout.BlobKey(digest), digest, manifest: false, tempPath, new FileInfo(tempPath).Length);
        _temp.Release(tempPath);
        Health.MarkHealthy();
    }

    /// <summary>Reads a cached manifest, or returns null (absent, or damaged and now dropped).</summary>
    public RawManifest? TryGetManifest(Digest digest)
    {
        var key = _layout.ManifestKey(digest);
        if (_index.Use(key) is not { } entry) return null;
        if (_hotManifests.TryGet(key, out var hot)) return hot;
        byte[] contents;
        try { contents = File.ReadAllBytes(entry.Path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Forget(key, entry);
            return null;
        }
        // Manifests are small: checking the digest on every read from disk costs little.
        if (contents.Length != entry.Size || ManifestFile.Parse(contents, digest) is not { } manifest || !digest.Matches(manifest.Bytes.Span))
        {
            Drop(key, entry, $"{contents.Length} bytes on disk, {entry.Size} committed, or bytes not matching the digest");
            return null;
        }
        _hotManifests.Set(key, manifest);
        return manifest;
    }

    /// <summary>Stores a manifest whose digest has been verified by the caller; a write failure only degrades the cache.</summary>
    public void PutManifest(RawManifest manifest)
    {
        var key = _layout.ManifestKey(manifest.Digest);
        if (_index.Contains(key)) return;
        _hotManifests.Set(key, manifest);
        var temp = _temp.NewPath();
        try
        {
            Commit(key, manifest.Digest, manifest: true, temp, ManifestFile.WriteNew(temp, manifest));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Durable.TryDelete(temp);
            ReportWriteFailure(e);
        }
    }

    /// <summary>Where a blob lives once committed (its entry's file; the unsized key when absent).</summary>
    public string BlobPath(Digest digest)
    {
        var key = _layout.BlobKey(digest);
        return _index.Find(key)?.Path ?? key;
    }

    /// <summary>
    /// Removes a cached manifest (index entry, in-memory copy, file), e.g. after its deletion
    /// upstream. Returns true when something was held. Readers holding the bytes keep them.
    /// </summary>
    public bool RemoveManifest(Digest digest) => Remove(_layout.ManifestKey(digest));

    /// <summary>Removes a cached blob; open readers keep their handles (unlinking is safe).</summary>
    public bool RemoveBlob(Digest digest) => Remove(_layout.BlobKey(digest));

    private bool Remove(string key)
    {
        _hotManifests.Remove(key);
        if (_index.Find(key) is not { } entry) return false;
        // The index entry goes first, so no new reader finds a file that is about to vanish.
        Forget(key, entry);
        try { File.Delete(entry.Path); }
        catch (IOException e) { StorageLog.RemoveFailed(_log, entry.Path, e); }
        return true;
    }

    /// <summary>Deletes a damaged entry so the next request fetches it again.</summary>
    internal void Drop(string key, CacheEntry entry, string reason)
    {
        StorageLog.Damaged(_log, entry.Digest.Value, reason);
        Durable.TryDelete(entry.Path);
        Forget(key, entry);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>Durably renames a complete temp file to the entry's sized name, then indexes it.</summary>
    private void Commit(string key, Digest digest, bool manifest, string tempPath, long size)
    {
        var path = CacheLayout.EntryPath(key, size);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Durable.Commit(tempPath, path);
        _index.Add(key, new CacheEntry(digest, manifest, path, size, _index.Now));
        _metrics.CacheBytes(_index.TotalBytes);
        _evictor.EvictIfOver(keep: key);
    }

    private void Forget(string key, CacheEntry entry)
    {
        _hotManifests.Remove(key);
        _index.Forget(key, entry);
        _metrics.CacheBytes(_index.TotalBytes);
    }
}
