using System.Globalization;

namespace Facade.Load.Host;

/// <summary>
/// CPU time a process has used (user + system), from <c>/proc/&lt;pid&gt;/stat</c>. On a shared
/// machine, CPU per byte served says more about a server's own cost than wall-clock throughput.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ; 100 on every Linux build this runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds since the process started.</summary>
    public static double Seconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
