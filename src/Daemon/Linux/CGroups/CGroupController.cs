namespace Daemon.Linux.CGroups;

/// <summary>The cgroup controllers the daemon reads or writes.</summary>
internal enum CGroupController
{
    /// <summary>CPU bandwidth (cpu.max, cpu.cfs_quota_us).</summary>
    Cpu,

    /// <summary>CPU accounting (cpu.stat usage, cpuacct.usage).</summary>
    CpuAccounting,

    /// <summary>Memory use and limit.</summary>
    Memory,
}
