using System.Globalization;

namespace Daemon.Linux;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/status</c> the daemon needs.</summary>
/// <param name="ParentPid">PPid, as seen from the reader's PID namespace.</param>
/// <param name="NamespacePids">NSpid: the pid in each PID namespace, outermost first.</param>
internal sealed record ProcStatus(int ParentPid, IReadOnlyList<int> NamespacePids)
{
    /// <summary>Parses status text; null when PPid or NSpid is missing or malformed.</summary>
    public static ProcStatus? Parse(string text)
    {
        int? parent = null;
        List<int>? nspids = null;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (key == "PPid" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ppid))
            {
                parent = ppid;
            }
            else if (key == "NSpid")
            {
                nspids = ParsePids(value);
            }
        }

        return parent is null || nspids is null || nspids.Count == 0 ? null : new ProcStatus(parent.Value, nspids);
    }

    /// <summary>Reads the status of a host pid; null when the process is gone or unreadable.</summary>
    public static ProcStatus? Read(int pid, string procRoot = "/proc")
    {
        try
        {
            return Parse(File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "status")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<int>? ParsePids(string value)
    {
        var result = new List<int>();
        foreach (var part in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
            {
                return null;
            }

            result.Add(pid);
        }

        return result;
    }
}
