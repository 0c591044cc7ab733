using System.Globalization;
using System.Text;

namespace Facade.Load.Tls;

/// <summary>Renders a <see cref="TlsResult"/> as markdown and JSON (<c>tls-&lt;date&gt;</c>), with medians and the target.</summary>
internal static class TlsReportWriter
{
    private const double MiB = 1024 * 1024;

    public static Task<string> WriteAsync(TlsResult r, string directory) =>
        Report.ResultFiles.WriteAsync(directory, $"tls-{r.Started:yyyy-MM-dd-HHmm}", Markdown(r), r);

    public static string Markdown(TlsResult r)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## TLS + HTTP/2 upstream at {r.RoundTripMs:F0} ms RTT, {r.Started:yyyy-MM-dd HH:mm} UTC ({r.DurationSeconds:F0} s)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Describe()}.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Load average (1/5/15 min) before: {r.LoadAverageBefore}, after: {r.LoadAverageAfter}. {r.Rounds.Count} rounds; one {r.BlobBytes / MiB:F0} MiB blob of random bytes " +
            $"on the reference registry (HTTPS, h2 by ALPN) behind the delay relay. Each facade is a new process with an empty cache (its pull is cold); " +
            $"cells are MiB/s, time to first byte in ms, and for the facade its CPU s per GiB and the MiB its upstream sent.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| round | load avg | direct HTTP/2, {r.StreamWindowBytes / MiB:F0} MiB stream window | direct HTTP/2, runtime's window | direct HTTP/1.1 | facade, upstream HTTP/2 | facade, upstream HTTP/1.1 |");
        md.AppendLine("|---:|---|---|---|---|---|---|");
        for (var i = 0; i < r.Rounds.Count; i++)
        {
            var x = r.Rounds[i];
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {i + 1} | {x.LoadAverage.Split(' ')[0]} | {Cell(x.DirectHttp2)} | {Cell(x.DirectHttp2RuntimeWindow)} | {Cell(x.DirectHttp11)} | {Cell(x.FacadeHttp2)} | {Cell(x.FacadeHttp11)} |");
        }
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| median | | {MedianCell(r, x => x.DirectHttp2)} | {MedianCell(r, x => x.DirectHttp2RuntimeWindow)} | {MedianCell(r, x => x.DirectHttp11)} | {MedianCell(r, x => x.FacadeHttp2)} | {MedianCell(r, x => x.FacadeHttp11)} |");
        var ratio = Median(r.Rounds.Select(x => x.FacadeHttp2.MiBPerSecond / x.DirectHttp2.MiBPerSecond));
        var ratio11 = Median(r.Rounds.Select(x => x.FacadeHttp11.MiBPerSecond / x.DirectHttp2.MiBPerSecond));
        var fetches = r.Rounds.Select(x => (x.FacadeHttp2.UpstreamBytes ?? 0) / (double)r.BlobBytes).ToArray();
        md.AppendLine();
        md.AppendLine("| target | median | verdict |");
        md.AppendLine("|---|---:|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| facade cold pull (upstream HTTP/2) >= 0.9 x direct HTTP/2 client (same window), same round | {ratio:F2} x | {(ratio >= 0.9 ? "met" : "not met")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| (for comparison) facade with its upstream held to HTTP/1.1 / direct HTTP/2 | {ratio11:F2} x | |");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| one upstream fetch (upstream bytes / blob size, TLS framing included) | {string.Join(" / ", fetches.Select(f => f.ToString("F3", CultureInfo.InvariantCulture)))} | {(fetches.All(f => f is > 0.99 and < 1.02) ? "met" : "not met")} |");
        Capped(md, r);
        var all = r.Rounds.SelectMany(x => new[] { x.DirectHttp2, x.DirectHttp2RuntimeWindow, x.DirectHttp11, x.FacadeHttp2, x.FacadeHttp11, x.CappedDirect, x.CappedFacade, x.CappedFacadeHttp11 }).ToArray();
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"HTTP versions of the direct clients' responses: {string.Join(", ", r.Rounds.SelectMany(x => new[] { x.DirectHttp2.Pull.Version, x.DirectHttp2RuntimeWindow.Pull.Version, x.DirectHttp11.Pull.Version }).Distinct())}. " +
            $"Pulls that failed or came short: {all.Count(s => s.Pull.Error is not null)}.");
        foreach (var error in all.Select(s => s.Pull.Error).OfType<string>().Distinct())
            md.AppendLine(CultureInfo.InvariantCulture, $"- error: {error}");
        return md.ToString();
    }

    // The same delay on a link capped at LinkMbit each way: the network, not the CPU, is the limit.
    private static void Capped(StringBuilder md, TlsResult r)
    {
        var rate = r.LinkMbit * 1_000_000.0 / 8 / MiB;
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"The same {r.RoundTripMs:F0} ms round trip on a link capped at {r.LinkMbit} Mbit/s each way ({rate:F0} MiB/s); the direct client on HTTP/2 with the facade's stream window:");
        md.AppendLine();
        md.AppendLine("| round | direct client | facade cold, upstream HTTP/2 | facade / direct | facade cold, upstream HTTP/1.1 | facade HTTP/1.1 / direct |");
        md.AppendLine("|---:|---|---|---:|---|---:|");
        for (var i = 0; i < r.Rounds.Count; i++)
        {
            var x = r.Rounds[i];
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {i + 1} | {Cell(x.CappedDirect)} | {Cell(x.CappedFacade)} | {x.CappedFacade.MiBPerSecond / x.CappedDirect.MiBPerSecond:F2} x | " +
                $"{Cell(x.CappedFacadeHttp11)} | {x.CappedFacadeHttp11.MiBPerSecond / x.CappedDirect.MiBPerSecond:F2} x |");
        }
        var ratio = Median(r.Rounds.Select(x => x.CappedFacade.MiBPerSecond / x.CappedDirect.MiBPerSecond));
        var ratioHttp11 = Median(r.Rounds.Select(x => x.CappedFacadeHttp11.MiBPerSecond / x.CappedDirect.MiBPerSecond));
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| median | {MedianCell(r, x => x.CappedDirect)} | {MedianCell(r, x => x.CappedFacade)} | {ratio:F2} x | {MedianCell(r, x => x.CappedFacadeHttp11)} | {ratioHttp11:F2} x |");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Target, facade cold pull (upstream HTTP/2, the default) >= 0.9 x a direct client on the same capped path: **{ratio:F2} x, {(ratio >= 0.9 ? "met" : "not met")}**.");
    }

    private static string Cell(TlsSample s)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{s.MiBPerSecond:F0}, {s.FirstByteMs:F0} ms");
        // A direct client's reads show how the TLS and HTTP stack hands the bytes over.
        if (s.CpuPerGiB is null) text += string.Create(CultureInfo.InvariantCulture, $", reads {s.Pull.MeanRead / 1024:F0} KiB");
        if (s.CpuPerGiB is { } cpu) text += string.Create(CultureInfo.InvariantCulture, $", {cpu:F2} CPU-s/GiB");
        if (s.UpstreamBytes is { } bytes) text += string.Create(CultureInfo.InvariantCulture, $", {bytes / MiB:F0} MiB");
        return text;
    }

    private static string MedianCell(TlsResult r, Func<TlsRound, TlsSample> pick)
    {
        var samples = r.Rounds.Select(pick).ToArray();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Median(samples.Select(s => s.MiBPerSecond)):F0}, {Median(samples.Select(s => s.FirstByteMs)):F0} ms");
        if (samples.All(s => s.CpuPerGiB is not null))
            text += string.Create(CultureInfo.InvariantCulture, $", {Median(samples.Select(s => s.CpuPerGiB!.Value)):F2} CPU-s/GiB");
        return text;
    }

    private static double Median(IEnumerable<double> source)
    {
        var values = source.Order().ToArray();
        if (values.Length == 0) return 0;
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }
}
