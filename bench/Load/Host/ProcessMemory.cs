namespace Facade.Load.Host;

/// <summary>Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in bytes.</summary>
    public static long PeakBytes(int pid) => ReadKiB(pid, "VmHWM:") * 1024;

    /// <summary>Current resident set size (VmRSS) in bytes.</summary>
    public static long CurrentBytes(int pid) => ReadKiB(pid, "VmRSS:") * 1024;

    /// <summary>
    /// Resets the peak to the current RSS (writing 5 to <c>clear_refs</c>), so a later
    /// <see cref="PeakBytes"/> covers one phase only. Returns false when the kernel refuses.
    /// </summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKiB(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var parts = line[field.Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"no {field} in /proc/{pid}/status");
    }
}
