using System.Globalization;
using Daemon.Linux.CGroups;

namespace Daemon.ResourceLimiting;

/// <summary>Writes a CPU bandwidth limit: cpu.max on cgroup v2, cpu.cfs_period_us and cpu.cfs_quota_us on v1.</summary>
internal static class CpuLimitWriter
{
    /// <summary>Limits <paramref name="cgroup"/> to <paramref name="millicores"/>.</summary>
    public static void Write(CGroupLayout layout, string cgroup, long millicores)
    {
        var directory = layout.DirectoryOf(cgroup, CGroupController.Cpu);
        if (layout.Unified)
        {
            File.WriteAllText(Path.Combine(directory, "cpu.max"), CpuBandwidth.FormatCpuMax(millicores));
            return;
        }

        // Period first: a quota is checked against the current period when written.
        File.WriteAllText(Path.Combine(directory, "cpu.cfs_period_us"), CpuBandwidth.DefaultPeriodMicros.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(directory, "cpu.cfs_quota_us"), CpuBandwidth.QuotaFor(millicores).ToString(CultureInfo.InvariantCulture));
    }
}
