namespace Facade.Redis;

/// <summary>Log lines of the advisory Redis layer.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Redis is unavailable ({Operation}): continuing without it until it is back")]
    public static partial void Unavailable(ILogger logger, string operation, Exception? error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Redis is available again")]
    public static partial void Recovered(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Redis entry {Key} does not match its digest: ignored")]
    public static partial void CorruptEntry(ILogger logger, string key);
}
