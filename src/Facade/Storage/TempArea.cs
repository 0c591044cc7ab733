namespace Facade.Storage;

/// <summary>
/// The <c>tmp/</c> directory where blobs and manifests are written before their commit. What a
/// previous run left there is unfinished by definition and is deleted at start.
/// </summary>
internal sealed class TempArea(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Deletes leftovers and makes sure the directory exists.</summary>
    public void Reset()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>A fresh path in the temp area.</summary>
    public string NewPath() => Path.Combine(Directory, Guid.NewGuid().ToString("N"));
}
