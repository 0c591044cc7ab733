namespace Daemon.Content;

/// <summary>Log messages of the content service, with stable event ids (3000-3099).</summary>
internal static partial class ContentLog
{
    [LoggerMessage(3000, LogLevel.Information, "Workspace {WorkspaceId} initialized ({Source})")]
    public static partial void Initialized(ILogger logger, string workspaceId, string source);

    [LoggerMessage(3001, LogLevel.Warning, "Workspace {WorkspaceId} failed to initialize: {Reason}")]
    public static partial void InitFailed(ILogger logger, string workspaceId, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Workspace {WorkspaceId} archived to {Url}")]
    public static partial void Archived(ILogger logger, string workspaceId, string url);

    [LoggerMessage(3003, LogLevel.Error, "Background snapshot {Url} of workspace {WorkspaceId} failed")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string workspaceId, string url);

    [LoggerMessage(3004, LogLevel.Information, "Workspace {WorkspaceId} disposed (backup: {Backup})")]
    public static partial void Disposed(ILogger logger, string workspaceId, bool backup);

    [LoggerMessage(3005, LogLevel.Warning, "Prebuild snapshot of workspace {WorkspaceId} not restored, falling back to Git: {Reason}")]
    public static partial void PrebuildFallback(ILogger logger, string workspaceId, string reason);

    [LoggerMessage(3006, LogLevel.Warning, "Git status of workspace {WorkspaceId} unavailable: {Reason}")]
    public static partial void GitStatusUnavailable(ILogger logger, string workspaceId, string reason);

    [LoggerMessage(3007, LogLevel.Error, "Unexpected failure in {Method}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string method);

    [LoggerMessage(3008, LogLevel.Debug, "git {Command} in {Directory}")]
    public static partial void GitCommand(ILogger logger, string command, string directory);
}
