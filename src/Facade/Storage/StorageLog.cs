namespace Facade.Storage;

/// <summary>Log lines of the disk cache.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Cache at {Root}: {Count} entries, {Bytes} bytes")]
    public static partial void Loaded(ILogger logger, string root, int count, long bytes);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Could not evict {Path}")]
    public static partial void EvictFailed(ILogger logger, string path, Exception error);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Warning, Message = "Could not remove deleted content {Path}")]
    public static partial void RemoveFailed(ILogger logger, string path, Exception error);
}
