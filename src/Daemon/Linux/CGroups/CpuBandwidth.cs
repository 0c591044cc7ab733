using System.Globalization;

namespace Daemon.Linux.CGroups;

/// <summary>Converts between CPU bandwidth files (quota per period) and millicores.</summary>
internal static class CpuBandwidth
{
    /// <summary>The period the daemon writes, in microseconds (the kernel default).</summary>
    public const long DefaultPeriodMicros = 100_000;

    /// <summary>Millicores allowed by a quota per period; null when unlimited or malformed.</summary>
    public static long? ToMillicores(long? quotaMicros, long? periodMicros) =>
        quotaMicros is > 0 && periodMicros is > 0 ? quotaMicros.Value * 1000 / periodMicros.Value : null;

    /// <summary>Parses v2 cpu.max ("max 100000" or "50000 100000") to millicores; null when unlimited.</summary>
    public static long? ParseCpuMax(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts[0] == "max")
        {
            return null;
        }

        var period = parts.Length > 1 ? KeyValueFile.ParseSingle(parts[1]) : DefaultPeriodMicros;
        return ToMillicores(KeyValueFile.ParseSingle(parts[0]), period);
    }

    /// <summary>The quota in microseconds per <see cref="DefaultPeriodMicros"/> for a millicore limit.</summary>
    public static long QuotaFor(long millicores) => Math.Max(1000, millicores * DefaultPeriodMicros / 1000);

    /// <summary>The v2 cpu.max content for a millicore limit.</summary>
    public static string FormatCpuMax(long millicores) =>
        string.Create(CultureInfo.InvariantCulture, $"{QuotaFor(millicores)} {DefaultPeriodMicros}");
}
