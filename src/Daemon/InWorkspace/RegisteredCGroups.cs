using Daemon.ResourceLimiting;

namespace Daemon.InWorkspace;

/// <summary>Feeds the CPU limiter with the cgroups of the registered workspaces.</summary>
internal sealed class RegisteredCGroups(WorkspaceRegistry registry) : ILimitedWorkspaces
{
    /// <inheritdoc />
    public IReadOnlyList<LimitedWorkspace> Current() =>
        registry.Sessions
            .Where(s => s.Registration.CGroupPath is not null)
            .Select(s => new LimitedWorkspace(s.Registration.Id, s.Registration.CGroupPath!))
            .ToList();
}
