namespace Daemon.Storage;

/// <summary>
/// Remote storage for workspace archives, addressed by a flat key (see <see cref="StorageKeys"/>).
/// Implementations make a stored archive visible only once it is complete.
/// </summary>
internal interface IContentStorage
{
    /// <summary>The URL reported to clients for a key.</summary>
    string UrlOf(string key);

    /// <summary>Recovers the key from a URL produced by <see cref="UrlOf"/>.</summary>
    bool TryGetKey(string url, out string key);

    /// <summary>Stores an archive under a key, replacing an older one; returns its URL.</summary>
    Task<string> PutAsync(string key, ArchiveFile archive, CancellationToken cancellationToken);

    /// <summary>Opens a stored archive for reading, or returns null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>True when an archive is stored under the key.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
