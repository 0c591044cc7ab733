using System.Globalization;
using System.Text.RegularExpressions;
using Facade.TestSupport;

namespace Facade.Load.Measure;

/// <summary>
/// Drives HTTP load with <c>wrk</c> (C, event loop): on a 2-core machine a lighter load
/// generator leaves more CPU to the server being measured.
/// </summary>
internal static partial class Wrk
{
    public const string Program = "wrk";

    /// <summary>GETs <paramref name="url"/> over <paramref name="connections"/> keep-alive connections for <paramref name="duration"/>.</summary>
    public static async Task<WrkResult> RunAsync(Uri url, int connections, TimeSpan duration, string? accept = null)
    {
        var threads = Math.Min(connections, Math.Max(1, Environment.ProcessorCount));
        var args = new List<string>
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s",
            "--timeout", "60s",
            "--latency",
        };
        if (accept is not null) args.AddRange(["-H", "Accept: " + accept]);
        args.Add(url.ToString());
        var result = await Tool.RunAsync(Program, args, duration + TimeSpan.FromSeconds(90));
        if (!result.Succeeded) throw new InvalidOperationException($"{result.Command} failed:\n{result.StandardOutput}{result.StandardError}");
        return Parse(result.StandardOutput);
    }

    /// <summary>Reads wrk's text report (units are 1024-based).</summary>
    public static WrkResult Parse(string output)
    {
        var rps = Number(RequestsPattern(), output) ?? throw new FormatException("wrk printed no Requests/sec:\n" + output);
        var transfer = TransferPattern().Match(output);
        var bytes = transfer.Success ? Scale(transfer.Groups[1].Value, transfer.Groups[2].Value) : 0;
        var total = TotalPattern().Match(output);
        var errors = ErrorPattern().Matches(output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return new WrkResult(rps, bytes,
            Latency(output, "50%"), Latency(output, "99%"),
            total.Success ? long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            errors,
            (long)(Number(Non2xxPattern(), output) ?? 0));
    }

    private static double? Latency(string output, string percentile)
    {
        var match = Regex.Match(output, @"^\s*" + Regex.Escape(percentile) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success) return null;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double? Number(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static double Scale(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch
        {
            "KB" => 1024d,
            "MB" => 1024d * 1024,
            "GB" => 1024d * 1024 * 1024,
            "TB" => 1024d * 1024 * 1024 * 1024,
            _ => 1d,
        };

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Transfer/sec:\s+([\d.]+)([KMGT]?B)")]
    private static partial Regex TransferPattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex ErrorPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxPattern();
}
