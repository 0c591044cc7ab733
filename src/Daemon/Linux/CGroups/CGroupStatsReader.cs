namespace Daemon.Linux.CGroups;

/// <summary>Reads <see cref="CGroupSample"/>s from cgroup v2 or v1 files.</summary>
internal static class CGroupStatsReader
{
    /// <summary>Reads the counters of <paramref name="cgroup"/>; throws IOException when the cgroup is gone.</summary>
    public static CGroupSample Read(CGroupLayout layout, string cgroup) =>
        layout.Unified ? ReadUnified(layout.DirectoryOf(cgroup, CGroupController.Cpu)) : ReadV1(layout, cgroup);

    private static CGroupSample ReadUnified(string directory)
    {
        var cpuStat = KeyValueFile.Parse(File.ReadAllText(Path.Combine(directory, "cpu.stat")));
        var cpuLimit = ReadOptional(Path.Combine(directory, "cpu.max")) is { } max ? CpuBandwidth.ParseCpuMax(max) : null;
        var memoryUsed = ReadOptional(Path.Combine(directory, "memory.current")) is { } current ? KeyValueFile.ParseSingle(current) : null;
        var memoryLimit = ReadOptional(Path.Combine(directory, "memory.max")) is { } limit ? KeyValueFile.ParseSingle(limit) : null;
        return new CGroupSample(
            cpuStat.GetValueOrDefault("usage_usec"),
            cpuLimit ?? HostResources.CpuMillicores,
            memoryUsed ?? 0,
            Math.Min(memoryLimit ?? long.MaxValue, HostResources.MemoryBytes),
            cpuStat.GetValueOrDefault("nr_throttled"),
            cpuStat.GetValueOrDefault("throttled_usec"));
    }

    private static CGroupSample ReadV1(CGroupLayout layout, string cgroup)
    {
        var cpu = layout.DirectoryOf(cgroup, CGroupController.Cpu);
        var accounting = layout.DirectoryOf(cgroup, CGroupController.CpuAccounting);
        var memory = layout.DirectoryOf(cgroup, CGroupController.Memory);
        var usageNanos = KeyValueFile.ParseSingle(File.ReadAllText(Path.Combine(accounting, "cpuacct.usage"))) ?? 0;
        var quota = KeyValueFile.ParseSingle(File.ReadAllText(Path.Combine(cpu, "cpu.cfs_quota_us")));
        var period = KeyValueFile.ParseSingle(File.ReadAllText(Path.Combine(cpu, "cpu.cfs_period_us")));
        var cpuStat = KeyValueFile.Parse(ReadOptional(Path.Combine(cpu, "cpu.stat")) ?? string.Empty);
        var memoryUsed = ReadOptional(Path.Combine(memory, "memory.usage_in_bytes")) is { } used ? KeyValueFile.ParseSingle(used) : null;
        var memoryLimit = ReadOptional(Path.Combine(memory, "memory.limit_in_bytes")) is { } limit ? KeyValueFile.ParseSingle(limit) : null;
        return new CGroupSample(
            usageNanos / 1000,
            CpuBandwidth.ToMillicores(quota, period) ?? HostResources.CpuMillicores,
            memoryUsed ?? 0,
            Math.Min(memoryLimit ?? long.MaxValue, HostResources.MemoryBytes),
            cpuStat.GetValueOrDefault("nr_throttled"),
            cpuStat.GetValueOrDefault("throttled_time") / 1000);
    }

    // Controllers may be absent from a cgroup (e.g. memory not enabled); their files are then optional.
    private static string? ReadOptional(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
