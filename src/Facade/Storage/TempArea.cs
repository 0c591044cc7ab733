namespace Facade.Storage;

/// <summary>
/// The <c>tmp/</c> directory where blobs and manifests are written before their commit, and the
/// bytes promised to files being written there (eviction counts them). What a previous run left
/// there is unfinished by definition and is deleted at start, which is why only one process may
/// use a cache directory.
/// </summary>
internal sealed class TempArea(string directory)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _promised = new(StringComparer.Ordinal);
    private long _reserved;

    public string Directory { get; } = directory;

    /// <summary>Bytes promised to temp files in flight.</summary>
    public long ReservedBytes => Interlocked.Read(ref _reserved);

    /// <summary>Deletes leftovers and makes sure the directory exists.</summary>
    public void Reset()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>A fresh path in the temp area.</summary>
    public string NewPath() => Path.Combine(Directory, Guid.NewGuid().ToString("N"));

    /// <summary>Promises <paramref name="bytes"/> to the temp file at <paramref name="path"/>.</summary>
    public void Reserve(string path, long bytes)
    {
        if (_promised.TryAdd(path, bytes)) Interlocked.Add(ref _reserved, bytes);
    }

    /// <summary>Ends the promise for a temp file (committed: its bytes now count in the index; or abandoned).</summary>
    public void Release(string path)
    {
        if (_promised.TryRemove(path, out var bytes)) Interlocked.Add(ref _reserved, -bytes);
    }
}
