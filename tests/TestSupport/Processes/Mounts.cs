using System.Globalization;

namespace Facade.TestSupport;

/// <summary>Mount points a daemon under test (containerd, dockerd) may leave behind in its temp directory.</summary>
internal static class Mounts
{
    /// <summary>Unmounts, deepest first, every mount point under <paramref name="root"/> (lazily, so busy ones go too).</summary>
    public static async Task UnmountUnderAsync(string root)
    {
        if (!File.Exists("/proc/self/mountinfo")) return;
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mountinfo"))
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Unescape(fields[4]))
            .Where(point => point.StartsWith(root + "/", StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mounts) await Tool.RunAsync("umount", ["-l", point], TimeSpan.FromSeconds(10));
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as octal.</summary>
    private static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})",
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString(CultureInfo.InvariantCulture));
}
