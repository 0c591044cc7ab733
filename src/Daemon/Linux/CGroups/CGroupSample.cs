namespace Daemon.Linux.CGroups;

/// <summary>One reading of a cgroup's CPU and memory counters.</summary>
/// <param name="CpuUsageMicros">Cumulative CPU time consumed, in microseconds.</param>
/// <param name="CpuLimitMillicores">The CPU bandwidth limit; the host's CPUs when unlimited.</param>
/// <param name="MemoryUsedBytes">Current memory use.</param>
/// <param name="MemoryLimitBytes">The memory limit; the host's memory when unlimited.</param>
/// <param name="ThrottledPeriods">Periods in which the cgroup hit its CPU limit (cumulative).</param>
/// <param name="ThrottledMicros">Time spent throttled, in microseconds (cumulative).</param>
internal sealed record CGroupSample(
    long CpuUsageMicros,
    long CpuLimitMillicores,
    long MemoryUsedBytes,
    long MemoryLimitBytes,
    long ThrottledPeriods,
    long ThrottledMicros);
