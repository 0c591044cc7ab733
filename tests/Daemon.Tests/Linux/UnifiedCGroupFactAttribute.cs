namespace Daemon.Tests.Linux;

/// <summary>A fact that is skipped, with the reason, where no writable cgroup v2 hierarchy is at /sys/fs/cgroup/unified.</summary>
internal sealed class UnifiedCGroupFactAttribute : FactAttribute
{
    public UnifiedCGroupFactAttribute()
    {
        if ((Privileges.UnifiedCGroup ?? Privileges.Namespaces) is { } problem)
        {
            Skip = "needs a writable cgroup v2 hierarchy: " + problem;
        }
    }
}
