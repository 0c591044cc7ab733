namespace Daemon.ResourceLimiting;

/// <summary>Where the limiter learns which workspaces exist right now.</summary>
internal interface ILimitedWorkspaces
{
    /// <summary>The workspaces to manage in this round.</summary>
    IReadOnlyList<LimitedWorkspace> Current();
}
