namespace Facade.Gitpod;

/// <summary>Log lines about a Gitpod config.</summary>
internal static partial class GitpodLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Gitpod config key {Key} is not used by this facade: ignored")]
    public static partial void UnknownKey(ILogger logger, string key);
}
