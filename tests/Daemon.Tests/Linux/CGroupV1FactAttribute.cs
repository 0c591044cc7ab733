namespace Daemon.Tests.Linux;

/// <summary>A fact that is skipped, with the reason, where cgroup v1 cpu, cpuacct and memory are not writable.</summary>
internal sealed class CGroupV1FactAttribute : FactAttribute
{
    public CGroupV1FactAttribute()
    {
        if ((Privileges.CGroupV1 ?? Privileges.Namespaces) is { } problem)
        {
            Skip = "needs writable cgroup v1 cpu, cpuacct and memory hierarchies: " + problem;
        }
    }
}
