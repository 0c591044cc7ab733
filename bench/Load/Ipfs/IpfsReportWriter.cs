using System.Globalization;
using System.Text;
using Facade.Load.Measure;
using Facade.Load.Report;

namespace Facade.Load.Ipfs;

/// <summary>Renders an <see cref="IpfsResult"/> as markdown and JSON (<c>ipfs-&lt;date&gt;</c>).</summary>
internal static class IpfsReportWriter
{
    public static Task<string> WriteAsync(IpfsResult r, string directory) =>
        ResultFiles.WriteAsync(directory, $"ipfs-{r.Started:yyyy-MM-dd-HHmm}", Markdown(r), r);

    public static string Markdown(IpfsResult r)
    {
        var md = new StringBuilder();
        var mib = r.BlobBytes / (1024 * 1024);
        md.AppendLine(CultureInfo.InvariantCulture, $"## IPFS vs upstream, {r.Started:yyyy-MM-dd HH:mm} UTC ({r.DurationSeconds:F0} s)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Describe()}.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Load average (1/5/15 min) before: {r.LoadAverageBefore}, after: {r.LoadAverageAfter} (other work on the machine is included in every number).");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Layers of {mib} MiB of random bytes; `ipfs-publish` of one took {r.PublishSeconds:F1} s. A pulls {r.BlobDigest}, each time in a new facade process with an empty cache. " +
            $"B is one facade process, warmed by two IPFS fills of 8 MiB layers and 64 of 64 KiB layers, pulling {r.Cids.Count} other layers once each (cold in its cache); before each, the node's own `cat` reads that layer's CID. Every body is hashed by the client.");
        md.AppendLine();
        md.AppendLine("| served by | pull | wall time (s) | MiB/s | sha256 ok | IPFS bytes served by this pull (/metrics) |");
        md.AppendLine("|---|---:|---:|---:|---|---:|");
        Rows(md, "A: upstream only", r.UpstreamPulls, null);
        Rows(md, "B: IPFS, upstream closed", r.IpfsPulls, r.IpfsBytesServed);
        Rows(md, "node's own `cat` of the CID", r.NodeCatPulls, null);
        Rows(md, "floor relay (native), forward only", r.FloorForwardPulls, null);
        Rows(md, "floor relay (native), cache", r.FloorCachePulls, null);
        md.AppendLine();
        var ratio = Ratio(r.IpfsPulls, r.NodeCatPulls);
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Median MiB/s: A {Median(r.UpstreamPulls):F0}, B {Median(r.IpfsPulls):F0}, node cat {Median(r.NodeCatPulls):F0}. Upstream blob GETs during A's pulls: {r.UpstreamBlobGets} (one per pull expected).");
        md.AppendLine();
        var pairs = r.IpfsPulls.Zip(r.NodeCatPulls).Where(p => p.First.DigestMatches && p.Second.DigestMatches && p.Second.MiBPerSecond > 0)
            .Select(p => p.First.MiBPerSecond / p.Second.MiBPerSecond).Order().ToArray();
        var pairMedian = pairs.Length == 0 ? 0 : pairs.Length % 2 == 1 ? pairs[pairs.Length / 2] : (pairs[pairs.Length / 2 - 1] + pairs[pairs.Length / 2]) / 2;
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Target: B's cold serve >= 0.8 x the node's own cat of the same CID, same run (the node warmed by three cats first): " +
            $"**{ratio:F2} x** (ratio of medians), {pairMedian:F2} x (median of each B pull over the cat just before it); {(ratio >= 0.8 ? "met" : "not met")}.");
        md.AppendLine();
        if (r.FloorSkipped is not null)
            md.AppendLine(CultureInfo.InvariantCulture, $"Floor relay not run: {r.FloorSkipped}.");
        else
            md.AppendLine(CultureInfo.InvariantCulture,
                $"The work's floor: `bench/Floor/floor-relay.c` (one native process, no runtime) reads the same CID from the node right after B, " +
                $"hashes with OpenSSL's SHA-256 and sends, holding the last read until the digest matched; in cache mode it also writes and commits " +
                $"the file. Medians: forward only {Median(r.FloorForwardPulls):F0} MiB/s ({Ratio(r.FloorForwardPulls, r.NodeCatPulls):F2} x the cat), " +
                $"cache {Median(r.FloorCachePulls):F0} MiB/s ({Ratio(r.FloorCachePulls, r.NodeCatPulls):F2} x the cat); B is {Ratio(r.IpfsPulls, r.FloorCachePulls):F2} x the caching floor.");
        foreach (var error in r.UpstreamPulls.Concat(r.IpfsPulls).Concat(r.NodeCatPulls).Concat(r.FloorForwardPulls).Concat(r.FloorCachePulls)
                     .Select(p => p.Error).OfType<string>().Distinct())
            md.AppendLine(CultureInfo.InvariantCulture, $"- error: {error}");
        return md.ToString();
    }

    private static void Rows(StringBuilder md, string name, IReadOnlyList<PullResult> pulls, IReadOnlyList<long?>? served)
    {
        for (var i = 0; i < pulls.Count; i++)
        {
            var p = pulls[i];
            var bytes = served is null ? "-" : served[i]?.ToString(CultureInfo.InvariantCulture) ?? "missing";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {i + 1} | {p.WallSeconds:F2} | {p.MiBPerSecond:F0} | {(p.DigestMatches ? "yes" : "NO")} | {bytes} |");
        }
    }

    private static double Ratio(IReadOnlyList<PullResult> pulls, IReadOnlyList<PullResult> yardstick) =>
        Median(yardstick) > 0 ? Median(pulls) / Median(yardstick) : 0;

    private static double Median(IReadOnlyList<PullResult> pulls)
    {
        var ok = pulls.Where(p => p.DigestMatches).Select(p => p.MiBPerSecond).Order().ToArray();
        return ok.Length == 0 ? 0 : ok.Length % 2 == 1 ? ok[ok.Length / 2] : (ok[ok.Length / 2 - 1] + ok[ok.Length / 2]) / 2;
    }
}
