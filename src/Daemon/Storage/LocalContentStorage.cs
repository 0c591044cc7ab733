namespace Daemon.Storage;

/// <summary>Archives as <c>&lt;key&gt;.tar</c> files in one directory; written beside and renamed into place.</summary>
internal sealed class LocalContentStorage(string directory) : IContentStorage
{
    private readonly string _root = Path.GetFullPath(directory);

    public string UrlOf(string key) => $"file://{Path.Combine(_root, key)}.tar";

    public bool TryGetKey(string url, out string key)
    {
        var prefix = $"file://{_root}/";
        key = url.StartsWith(prefix, StringComparison.Ordinal) && url.EndsWith(".tar", StringComparison.Ordinal)
            ? url[prefix.Length..^4]
            : "";
        return StorageKeys.IsValid(key);
    }

    public async Task<string> PutAsync(string key, ArchiveFile archive, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var partial = Path.Combine(_root, $".{key}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var source = archive.OpenRead())
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await source.CopyToAsync(target, cancellationToken);
                await target.FlushAsync(cancellationToken);
            }
            File.Move(partial, PathOf(key), overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        return UrlOf(key);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    private string PathOf(string key) =>
        StorageKeys.IsValid(key) ? Path.Combine(_root, key + ".tar") : throw new ArgumentException($"invalid storage key '{key}'", nameof(key));
}
