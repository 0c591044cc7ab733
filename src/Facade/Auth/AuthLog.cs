using System.Net;

namespace Facade.Auth;

/// <summary>Log lines of client authentication. None carries a password, a hash or a header.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "authentication failed for a client at {Address}")]
    public static partial void Failed(ILogger logger, IPAddress address);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "client at {Address} failed too often: refused until its window ends")]
    public static partial void Limited(ILogger logger, IPAddress address);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "htpasswd file {Path} reloaded: {Users} users")]
    public static partial void HtpasswdReloaded(ILogger logger, string path, int users);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "htpasswd file {Path} not reloaded, keeping the previous users: {Reason}")]
    public static partial void HtpasswdUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "Gitpod's requireAuth without Facade:Auth:Htpasswd: any Basic credentials are accepted, none are checked")]
    public static partial void AnyCredentials(ILogger logger);
}
