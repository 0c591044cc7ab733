namespace Facade.Storage;

/// <summary>Log lines of the disk cache.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Cache at {Root}: {Count} entries, {Bytes} bytes ({Dropped} torn or unrecognised files dropped)")]
    public static partial void Loaded(ILogger logger, string root, int count, long bytes, int dropped);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Could not evict {Path}")]
    public static partial void EvictFailed(ILogger logger, string path, Exception error);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Warning, Message = "Cache file {Path} ({Length} bytes) is torn or not an entry; deleted")]
    public static partial void DroppedAtStart(ILogger logger, string path, long length);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Warning, Message = "Cache entry {Digest} is damaged ({Reason}); dropped, it will be fetched again")]
    public static partial void Damaged(ILogger logger, string digest, string reason);

    [LoggerMessage(EventId = 2606, Level = LogLevel.Information, Message = "Cache verification done: {Checked} entries re-hashed, {Dropped} dropped")]
    public static partial void Verified(ILogger logger, int @checked, int dropped);

    [LoggerMessage(EventId = 2607, Level = LogLevel.Warning, Message = "Cache degraded, blobs are served without caching until it can write again: {Reason}")]
    public static partial void Degraded(ILogger logger, string reason);

    [LoggerMessage(EventId = 2608, Level = LogLevel.Information, Message = "Cache writable again")]
    public static partial void Recovered(ILogger logger);

    [LoggerMessage(EventId = 2609, Level = LogLevel.Information, Message = "Cache trimmed at start from {Before} to {After} bytes (bound {MaxBytes})")]
    public static partial void TrimmedAtStart(ILogger logger, long before, long after, long maxBytes);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Warning, Message = "Could not remove deleted content {Path}")]
    public static partial void RemoveFailed(ILogger logger, string path, Exception error);
}
