namespace Daemon.Storage;

/// <summary>A remote storage backend refused or failed a request.</summary>
internal sealed class StorageException(string message) : Exception(message);
