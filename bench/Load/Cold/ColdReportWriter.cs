using System.Globalization;
using System.Text;

namespace Facade.Load.Cold;

/// <summary>Renders a <see cref="ColdResult"/> as markdown and JSON (<c>cold-&lt;date&gt;</c>), with medians and the targets.</summary>
internal static class ColdReportWriter
{
    private const double MiB = 1024 * 1024;

    public static Task<string> WriteAsync(ColdResult r, string directory) =>
        Report.ResultFiles.WriteAsync(directory, $"cold-{r.Started:yyyy-MM-dd-HHmm}", Markdown(r), r);

    public static string Markdown(ColdResult r)
    {
        var md = new StringBuilder();
        var mib = r.BlobBytes / MiB;
        md.AppendLine(CultureInfo.InvariantCulture, $"## Cold pulls, {r.Started:yyyy-MM-dd HH:mm} UTC ({r.DurationSeconds:F0} s)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Describe()}.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Load average (1/5/15 min) before: {r.LoadAverageBefore}, after: {r.LoadAverageAfter}. {r.Rounds.Count} rounds; {mib:F0} MiB blobs of random bytes; " +
            $"every facade and proxy starts empty each round. MiB/s is aggregate over the clients; CPU is the server process's user + system time per GiB served.");
        md.AppendLine();
        md.AppendLine("| round | load avg | direct 1 client: MiB/s, CPU s/GiB | facade cold 1 client: MiB/s, CPU s/GiB, upstream MiB | proxy cold 1 client: MiB/s, CPU s/GiB, upstream MiB | " +
            $"direct {r.Clients} clients: MiB/s | facade cold {r.Clients} clients: MiB/s, CPU s/GiB, upstream MiB |");
        md.AppendLine("|---:|---|---|---|---|---:|---|");
        for (var i = 0; i < r.Rounds.Count; i++)
        {
            var x = r.Rounds[i];
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {i + 1} | {x.LoadAverage.Split(' ')[0]} | {Pair(x.Direct1)} | {Triple(x.Facade1)} | {Triple(x.Proxy1)} | {x.DirectMany.MiBPerSecond:F0} | {Triple(x.FacadeMany)} |");
        }
        var facadeCpu = Median(r, x => x.Facade1.CpuPerGiB);
        var proxyCpu = Median(r, x => x.Proxy1.CpuPerGiB);
        var oneRatio = Median(r, x => x.Facade1.MiBPerSecond / x.Proxy1.MiBPerSecond);
        var manyRatio = Median(r, x => x.FacadeMany.MiBPerSecond / x.DirectMany.MiBPerSecond);
        var fetches = r.Rounds.Select(x => (x.FacadeMany.UpstreamBytes ?? 0) / (double)r.BlobBytes).ToArray();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| median | | {Median(r, x => x.Direct1.MiBPerSecond):F0}, {Median(r, x => x.Direct1.CpuPerGiB):F2} | {Median(r, x => x.Facade1.MiBPerSecond):F0}, {facadeCpu:F2} | " +
            $"{Median(r, x => x.Proxy1.MiBPerSecond):F0}, {proxyCpu:F2} | {Median(r, x => x.DirectMany.MiBPerSecond):F0} | {Median(r, x => x.FacadeMany.MiBPerSecond):F0}, {Median(r, x => x.FacadeMany.CpuPerGiB):F2} |");
        md.AppendLine();
        md.AppendLine("| target | median | verdict |");
        md.AppendLine("|---|---:|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| facade CPU per GiB, cold, 1 client <= 1.2 s | {facadeCpu:F2} | {(facadeCpu <= 1.2 ? "met" : "not met")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| facade cold 1 client >= 1.2 x proxy, same round | {oneRatio:F2} x | {(oneRatio >= 1.2 ? "met" : "not met")} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| facade {r.Clients} clients on one cold fill >= 0.8 x direct {r.Clients} clients | {manyRatio:F2} x | {(manyRatio >= 0.8 ? "met" : "not met")} |");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| one upstream fetch for {r.Clients} clients (upstream bytes / blob size) | {string.Join(" / ", fetches.Select(f => f.ToString("F2", CultureInfo.InvariantCulture)))} | {(fetches.All(f => f is > 0.99 and < 1.01) ? "met" : "not met")} |");
        AppendFloor(md, r);
        var all = r.Rounds.SelectMany(x => new[] { x.Direct1, x.Facade1, x.Proxy1, x.DirectMany, x.FacadeMany, x.FloorForward, x.FloorCache })
            .OfType<ColdSample>().ToArray();
        var failed = all.Sum(s => s.Clients - s.Complete);
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Downloads not complete (not 200 with exactly the blob's size): {failed}.");
        foreach (var error in all.Select(s => s.Error).OfType<string>().Distinct())
            md.AppendLine(CultureInfo.InvariantCulture, $"- error: {error}");
        return md.ToString();
    }

    // The floor relay's rows: what receiving, hashing and sending (and writing the file) cost on this
    // machine without the facade's runtime, concurrency and protocol, in the same round.
    private static void AppendFloor(StringBuilder md, ColdResult r)
    {
        md.AppendLine();
        if (r.FloorSkipped is not null || r.Rounds.Any(x => x.FloorForward is null || x.FloorCache is null))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Floor relay not run: {r.FloorSkipped ?? "missing in a round"}.");
            return;
        }
        md.AppendLine("The work's floor on this machine: `bench/Floor/floor-relay.c`, one native process with no runtime, pulls the 1-client blob " +
            "after the facade and the proxy in the same round. It receives 1 MiB at a time, hashes with OpenSSL's SHA-256 and sends from the same " +
            "buffer, holding the last read until the digest matched; in cache mode it also writes each read to a file and commits it (fdatasync, " +
            "rename). No single flight, ranges, retries or concurrency.");
        md.AppendLine();
        md.AppendLine("| round | facade cold 1 client: MiB/s, CPU s/GiB | floor, forward only: MiB/s, CPU s/GiB | floor, cache: MiB/s, CPU s/GiB | facade CPU / floor cache CPU |");
        md.AppendLine("|---:|---|---|---|---:|");
        for (var i = 0; i < r.Rounds.Count; i++)
        {
            var x = r.Rounds[i];
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {i + 1} | {Pair(x.Facade1)} | {Pair(x.FloorForward!)} | {Pair(x.FloorCache!)} | {x.Facade1.CpuPerGiB / x.FloorCache!.CpuPerGiB:F2} |");
        }
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| median | {Median(r, x => x.Facade1.MiBPerSecond):F0}, {Median(r, x => x.Facade1.CpuPerGiB):F2} | " +
            $"{Median(r, x => x.FloorForward!.MiBPerSecond):F0}, {Median(r, x => x.FloorForward!.CpuPerGiB):F2} | " +
            $"{Median(r, x => x.FloorCache!.MiBPerSecond):F0}, {Median(r, x => x.FloorCache!.CpuPerGiB):F2} | " +
            $"{Median(r, x => x.Facade1.CpuPerGiB / x.FloorCache!.CpuPerGiB):F2} |");
        var floorForward = Median(r, x => x.FloorForward!.CpuPerGiB);
        var floorCache = Median(r, x => x.FloorCache!.CpuPerGiB);
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Against the 1.2 CPU s/GiB target: the floor forwarding only needs {floorForward:F2} ({(floorForward <= 1.2 ? "within" : "above")} it), " +
            $"the floor that also caches {floorCache:F2} ({(floorCache <= 1.2 ? "within" : "above")} it).");
    }

    private static string Pair(ColdSample s) => string.Create(CultureInfo.InvariantCulture, $"{s.MiBPerSecond:F0}, {s.CpuPerGiB:F2}");

    private static string Triple(ColdSample s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.MiBPerSecond:F0}, {s.CpuPerGiB:F2}, {(s.UpstreamBytes is { } b ? (b / MiB).ToString("F0", CultureInfo.InvariantCulture) : "-")}");

    private static double Median(ColdResult r, Func<ColdRound, double> pick)
    {
        var values = r.Rounds.Select(pick).Order().ToArray();
        if (values.Length == 0) return 0;
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }
}
