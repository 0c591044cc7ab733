namespace Daemon.Tests.Linux;

/// <summary>The cgroup hierarchies of this machine the tests use.</summary>
internal static class CGroupHierarchies
{
    public const string Root = "/sys/fs/cgroup";
    public const string Cpu = "/sys/fs/cgroup/cpu";
    public const string CpuAccounting = "/sys/fs/cgroup/cpuacct";
    public const string Memory = "/sys/fs/cgroup/memory";
    public const string Unified = "/sys/fs/cgroup/unified";
}
