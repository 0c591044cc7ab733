using System.Globalization;

namespace Daemon.Linux.CGroups;

/// <summary>What the host offers when a cgroup sets no limit.</summary>
internal static class HostResources
{
    /// <summary>All CPUs of the host, in millicores.</summary>
    public static long CpuMillicores => Environment.ProcessorCount * 1000L;

    /// <summary>MemTotal from /proc/meminfo in bytes, or long.MaxValue when unreadable.</summary>
    public static long MemoryBytes
    {
        get
        {
            try
            {
                var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
                var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                return kib is not null && long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : long.MaxValue;
            }
            catch (IOException)
            {
                return long.MaxValue;
            }
        }
    }
}
