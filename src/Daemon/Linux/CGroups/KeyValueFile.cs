using System.Globalization;

namespace Daemon.Linux.CGroups;

/// <summary>Parses "key value" line files such as cpu.stat and memory.stat.</summary>
internal static class KeyValueFile
{
    /// <summary>The numeric entries of <paramref name="text"/>; malformed lines are skipped.</summary>
    public static IReadOnlyDictionary<string, long> Parse(string text)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                result[parts[0]] = value;
            }
        }

        return result;
    }

    /// <summary>Parses a file holding one integer; null for "max", empty or malformed content.</summary>
    public static long? ParseSingle(string text)
    {
        var value = text.Trim();
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
