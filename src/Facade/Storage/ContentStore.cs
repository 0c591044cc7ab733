using Facade.Caching;
using Facade.Configuration;
using Facade.Metrics;
using Facade.Shared.Oci;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Facade.Storage;

/// <summary>
/// The content-addressed disk cache of blobs and manifests (<see cref="CacheLayout"/>). Files
/// appear only by an atomic rename of a verified temp file, entries are immutable, the least
/// recently used are evicted beyond the size bound (<see cref="CacheEvictor"/>), and the index
/// is rebuilt from the directory at start (<see cref="CacheLoader"/>).
/// </summary>
internal sealed class ContentStore
{
    private readonly CacheLayout _layout;
    private readonly TempArea _temp;
    private readonly CacheIndex _index;
    private readonly CacheEvictor _evictor;
    private readonly FacadeMetrics _metrics;
    private readonly ILogger<ContentStore> _log;

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
        _hotManifests = new ByteBoundedLru<string, RawManifest>(cache.ManifestMemoryBytes,
            static (path, m) => m.Bytes.Length + 2L * (m.MediaType.Length + path.Length) + 128, StringComparer.Ordinal);
        _evictor = new CacheEvictor(_index, cache.MaxBytes, path => _hotManifests.Remove(path), metrics, log);
        _temp.Reset();
        Directory.CreateDirectory(_layout.BlobsDirectory);
        Directory.CreateDirectory(_layout.ManifestsDirectory);
        CacheLoader.Load(_layout, _index, time);
        metrics.CacheBytes(_index.TotalBytes);
        StorageLog.Loaded(log, _layout.Root, _index.Count, _index.TotalBytes);
    }

    /// <summary>Bytes currently held.</summary>
    public long TotalBytes => _index.TotalBytes;

    /// <summary>Number of entries held.</summary>
    public int Count => _index.Count;

    /// <summary>The cache root (for readiness checks).</summary>
    public string Root => _layout.Root;

    /// <summary>A fresh path in the temp area, on the same file system as the store (rename is atomic).</summary>
    public string NewTempPath() => _temp.NewPath();

    /// <summary>Opens a cached blob for reading, or returns null.</summary>
    public SafeFileHandle? TryOpenBlob(Digest digest, out long length)
    {
        var path = _layout.BlobPath(digest);
        length = 0;
        if (_index.Use(path) is null) return null;
        try
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
            length = RandomAccess.GetLength(handle);
            return handle;
        }
        catch (FileNotFoundException)
        {
            Forget(path);
            return null;
        }
    }

    /// <summary>The length of a cached blob, or null.</summary>
    public long? BlobLength(Digest digest) => _index.Find(_layout.BlobPath(digest))?.Size;

    /// <summary>Moves a verified temp file into the store under its digest.</summary>
    public void CommitBlob(Digest digest, string tempPath)
    {
        var path = _layout.BlobPath(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var size = new FileInfo(tempPath).Length;
        File.Move(tempPath, path, overwrite: true);
        Add(path, size);
    }

    /// <summary>Reads a cached manifest, or returns null.</summary>
    public RawManifest? TryGetManifest(Digest digest)
    {
        var path = _layout.ManifestPath(digest);
        if (_index.Use(path) is null) return null;
        if (_hotManifests.TryGet(path, out var hot)) return hot;
        try
        {
            if (ManifestFile.Parse(File.ReadAllBytes(path), digest) is not { } manifest) return null;
            _hotManifests.Set(path, manifest);
            return manifest;
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
        var path = _layout.ManifestPath(manifest.Digest);
        if (_index.Contains(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = _temp.NewPath();
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            ManifestFile.Write(file, manifest);
        File.Move(temp, path, overwrite: true);
        Add(path, new FileInfo(path).Length);
        _hotManifests.Set(path, manifest);
    }

    /// <summary>
    /// Removes a cached manifest (index entry, in-memory copy, file), e.g. after its deletion
    /// upstream. Returns true when something was held. Readers holding the bytes keep them.
    /// </summary>
    public bool RemoveManifest(Digest digest) => Remove(_layout.ManifestPath(digest));

    /// <summary>Removes a cached blob; open readers keep their handles (unlinking is safe).</summary>
    public bool RemoveBlob(Digest digest) => Remove(_layout.BlobPath(digest));

    private bool Remove(string path)
    {
        // The index entry goes first, so no new reader finds a file that is about to vanish.
        var held = _index.Contains(path);
        Forget(path);
        try { File.Delete(path); }
        catch (IOException e) { StorageLog.RemoveFailed(_log, path, e); }
        if (held) _metrics.CacheBytes(_index.TotalBytes);
        return held;
    }

    /// <summary>Where a blob lives once committed.</summary>
    public string BlobPath(Digest digest) => _layout.BlobPath(digest);

    private void Add(string path, long size)
    {
        _index.Add(path, size);
        _metrics.CacheBytes(_index.TotalBytes);
        _evictor.EvictIfOver();
    }

    private void Forget(string path)
    {
        _hotManifests.Remove(path);
        _index.Forget(path);
    }
}
