namespace Facade.Storage;

/// <summary>Start-up refused: another process holds the cache directory's lock.</summary>
internal sealed class CacheInUseException(string message) : Exception(message);
