namespace Daemon.ResourceLimiting;

/// <summary>A workspace whose CPU the limiter manages.</summary>
/// <param name="Id">The workspace id.</param>
/// <param name="CGroup">Its cgroup, relative to the cgroup root.</param>
internal sealed record LimitedWorkspace(string Id, string CGroup);
