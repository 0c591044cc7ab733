using System.Runtime.InteropServices;

namespace Facade.Load.Report;

/// <summary>The machine a run was measured on, read from /proc and the runtime.</summary>
internal sealed record MachineInfo(int Cores, long MemoryBytes, string Cpu, string Kernel, string Os, string DotNet)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ReadMemTotal(),
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        (FirstValue("/etc/os-release", "PRETTY_NAME", '=') ?? RuntimeInformation.OSDescription).Trim('"'),
        RuntimeInformation.FrameworkDescription);

    public string Describe() =>
        $"{Cores} cores ({Cpu}), {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB RAM, {Os}, kernel {Kernel}, {DotNet}";

    /// <summary>The 1, 5 and 15 minute load averages, as the kernel prints them.</summary>
    public static string LoadAverage() => string.Join(' ', (ReadFirstLine("/proc/loadavg") ?? "").Split(' ').Take(3));

    private static long ReadMemTotal()
    {
        var kib = FirstValue("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.TryParse(kib, out var value) ? value * 1024 : 0;
    }

    private static string? FirstValue(string path, string key, char separator = ':')
    {
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator);
            if (at > 0 && line[..at].Trim() == key) return line[(at + 1)..].Trim();
        }
        return null;
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
