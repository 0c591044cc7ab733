using System.Collections.Concurrent;
using System.Text;
using Facade.Configuration;
using Facade.Metrics;
using Facade.Shared.Oci;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Facade.Storage;

/// <summary>
/// The content-addressed disk cache: <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c> and
/// <c>manifests/&lt;alg&gt;/&lt;hex&gt;</c> (media type on the first line, then the exact bytes).
/// Files appear only by an atomic rename of a verified temp file, so whatever is present is
/// correct; entries are immutable, and the least recently used are evicted beyond the size bound.
/// The index is rebuilt from the directory at start, so the cache survives a restart.
/// </summary>
internal sealed class ContentStore
{
    private readonly string _root;
    private readonly string _tempDir;
    private readonly long _maxBytes;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly FacadeMetrics _metrics;
    private readonly ILogger<ContentStore> _log;
    private readonly Lock _evictLock = new();
    private long _totalBytes;

    // Manifests are small and hot (every pull reads them); recently read ones stay in memory so
    // a cached manifest costs no file I/O. Bounded by count; starting over when full is fine.
    private const int HotManifestCapacity = 4096;
    private readonly ConcurrentDictionary<string, RawManifest> _hotManifests = new(StringComparer.Ordinal);

    public ContentStore(IOptions<FacadeOptions> options, FacadeMetrics metrics, ILogger<ContentStore> log)
    {
        _root = Path.GetFullPath(options.Value.Cache.Directory);
        _maxBytes = options.Value.Cache.MaxBytes;
        _metrics = metrics;
        _log = log;
        _tempDir = Path.Combine(_root, "tmp");
        if (Directory.Exists(_tempDir)) Directory.Delete(_tempDir, recursive: true);
        Directory.CreateDirectory(_tempDir);
        Directory.CreateDirectory(Path.Combine(_root, "blobs"));
        Directory.CreateDirectory(Path.Combine(_root, "manifests"));
        Rebuild();
    }

    /// <summary>Bytes currently held.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>Number of entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>The cache root (for readiness checks).</summary>
    public string Root => _root;

    /// <summary>A fresh path in the temp area, on the same file system as the store (rename is atomic).</summary>
    public string NewTempPath() => Path.Combine(_tempDir, Guid.NewGuid().ToString("N"));

    /// <summary>Opens a cached blob for reading, or returns null.</summary>
    public SafeFileHandle? TryOpenBlob(Digest digest, out long length)
    {
        var path = BlobPath(digest);
        length = 0;
        if (!_entries.TryGetValue(path, out var entry)) return null;
        try
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
            length = RandomAccess.GetLength(handle);
            entry.Touch();
            return handle;
        }
        catch (FileNotFoundException)
        {
            Forget(path);
            return null;
        }
    }

    /// <summary>The length of a cached blob, or null.</summary>
    public long? BlobLength(Digest digest) =>
        _entries.TryGetValue(BlobPath(digest), out var entry) ? entry.Size : null;

    /// <summary>Moves a verified temp file into the store under its digest.</summary>
    public void CommitBlob(Digest digest, string tempPath)
    {
        var path = BlobPath(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var size = new FileInfo(tempPath).Length;
        File.Move(tempPath, path, overwrite: true);
        Add(path, size);
    }

    /// <summary>Reads a cached manifest, or returns null.</summary>
    public RawManifest? TryGetManifest(Digest digest)
    {
        var path = ManifestPath(digest);
        if (!_entries.TryGetValue(path, out var entry)) return null;
        if (_hotManifests.TryGetValue(path, out var hot))
        {
            entry.Touch();
            return hot;
        }
        try
        {
            var bytes = File.ReadAllBytes(path);
            var newline = Array.IndexOf(bytes, (byte)'\n');
            if (newline <= 0) return null;
            entry.Touch();
            var mediaType = Encoding.UTF8.GetString(bytes, 0, newline);
            return KeepHot(path, new RawManifest(bytes.AsMemory(newline + 1), mediaType, digest));
        }
        catch (FileNotFoundException)
        {
            Forget(path);
            return null;
        }
    }

    /// <summary>Stores a manifest whose digest has been verified by the caller.</summary>
    public void PutManifest(RawManifest manifest)
    {
        var path = ManifestPath(manifest.Digest);
        if (_entries.ContainsKey(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = NewTempPath();
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(Encoding.UTF8.GetBytes(manifest.MediaType + "\n"));
            file.Write(manifest.Bytes.Span);
        }
        File.Move(temp, path, overwrite: true);
        Add(path, new FileInfo(path).Length);
        KeepHot(path, manifest);
    }

    /// <summary>
    /// Removes a cached manifest (file, index entry and in-memory copy), e.g. after its deletion
    /// upstream. Returns true when something was held. Readers holding the bytes keep them.
    /// </summary>
    public bool RemoveManifest(Digest digest) => Remove(ManifestPath(digest));

    /// <summary>Removes a cached blob; open readers keep their handles (unlinking is safe).</summary>
    public bool RemoveBlob(Digest digest) => Remove(BlobPath(digest));

    private bool Remove(string path)
    {
        var held = _entries.ContainsKey(path) || _hotManifests.ContainsKey(path);
        // The index entry goes first, so no new reader finds a file that is about to vanish.
        Forget(path);
        try { File.Delete(path); }
        catch (IOException e) { _log.LogWarning(e, "could not remove {Path}", path); }
        if (held) _metrics.CacheBytes(TotalBytes);
        return held;
    }

    private RawManifest KeepHot(string path, RawManifest manifest)
    {
        if (_hotManifests.Count >= HotManifestCapacity) _hotManifests.Clear();
        _hotManifests[path] = manifest;
        return manifest;
    }

    /// <summary>Where a blob lives once committed.</summary>
    public string BlobPath(Digest digest) => Path.Combine(_root, "blobs", AlgorithmFolder(digest), digest.Encoded);

    private string ManifestPath(Digest digest) => Path.Combine(_root, "manifests", AlgorithmFolder(digest), digest.Encoded);

    private static string AlgorithmFolder(Digest digest) => digest.Algorithm == DigestAlgorithm.Sha256 ? "sha256" : "sha512";

    private void Add(string path, long size)
    {
        if (_entries.TryAdd(path, new Entry(size))) Interlocked.Add(ref _totalBytes, size);
        else _entries[path].Touch();
        _metrics.CacheBytes(TotalBytes);
        if (TotalBytes > _maxBytes) Evict();
    }

    private void Forget(string path)
    {
        _hotManifests.TryRemove(path, out _);
        if (_entries.TryRemove(path, out var removed)) Interlocked.Add(ref _totalBytes, -removed.Size);
    }

    // Evicts least recently used entries down to 90% of the bound, so a full cache does not
    // evict on every single commit. Open readers keep their file handles: unlinking is safe.
    private void Evict()
    {
        lock (_evictLock)
        {
            var target = _maxBytes / 10 * 9;
            if (TotalBytes <= _maxBytes) return;
            foreach (var (path, _) in _entries.OrderBy(e => e.Value.LastAccess).ToList())
            {
                if (TotalBytes <= target) break;
                try { File.Delete(path); }
                catch (IOException e) { _log.LogWarning(e, "could not evict {Path}", path); continue; }
                Forget(path);
                _metrics.CacheEvicted();
            }
        }
    }

    private void Rebuild()
    {
        foreach (var kind in new[] { "blobs", "manifests" })
        {
            foreach (var file in new DirectoryInfo(Path.Combine(_root, kind)).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                var alg = file.Directory!.Name;
                if (!Digest.TryParse($"{alg}:{file.Name}", out _)) continue;
                if (_entries.TryAdd(file.FullName, new Entry(file.Length, file.LastWriteTimeUtc.Ticks)))
                    _totalBytes += file.Length;
            }
        }
        _metrics.CacheBytes(_totalBytes);
        _log.LogInformation("cache at {Root}: {Count} entries, {Bytes} bytes", _root, _entries.Count, _totalBytes);
    }

    private sealed class Entry(long size, long lastAccess = 0)
    {
        private long _lastAccess = lastAccess == 0 ? DateTime.UtcNow.Ticks : lastAccess;
        public long Size { get; } = size;
        public long LastAccess => Interlocked.Read(ref _lastAccess);
        public void Touch() => Interlocked.Exchange(ref _lastAccess, DateTime.UtcNow.Ticks);
    }
}
