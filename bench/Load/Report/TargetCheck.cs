using System.Globalization;
using System.Text;

namespace Facade.Load.Report;

/// <summary>Compares a run with the performance targets of the design (met / not met, with the numbers).</summary>
internal static class TargetCheck
{
    public const string Direct = "upstream direct";
    public const string Facade = "facade";
    public const string Proxy = "distribution proxy";
    private const double MiB = 1024 * 1024;

    public static string Render(LoadReport r)
    {
        var direct = r.Peers.First(p => p.Name == Direct);
        var facade = r.Peers.First(p => p.Name == Facade);
        var proxy = r.Peers.First(p => p.Name == Proxy);
        var md = new StringBuilder();
        md.AppendLine("| target | measured | verdict |");
        md.AppendLine("|---|---|---|");
        Ratio(md, "cached blob, 1 client: facade >= 90% of direct", facade.BlobMiBps1, direct.BlobMiBps1, 0.9);
        Ratio(md, $"cached blob, {r.Clients} clients: facade >= 90% of direct", facade.BlobMiBps32, direct.BlobMiBps32, 0.9);
        Ratio(md, "cached blob, 1 client: facade ahead of distribution proxy", facade.BlobMiBps1, proxy.BlobMiBps1, 1.0);
        Ratio(md, $"cached blob, {r.Clients} clients: facade ahead of distribution proxy", facade.BlobMiBps32, proxy.BlobMiBps32, 1.0);
        var oneFetch = facade.UpstreamBlobGets == 1 && facade.UpstreamBytes is { } b && b < r.BlobBytes + MiB && facade.Cold?.Failed == 0;
        Line(md, $"{r.Clients} cold pulls: facade fetches the blob once",
            $"{facade.UpstreamBlobGets} GETs, {facade.UpstreamBytes / MiB:F0} MiB for a {r.BlobBytes / MiB:F0} MiB blob, {facade.Cold?.Completed} complete", oneFetch);
        Line(md, $"{r.Clients} cold pulls: distribution proxy fetches it per client (reference)",
            $"{proxy.UpstreamBlobGets} GETs, {proxy.UpstreamBytes / MiB:F0} MiB", null);
        Line(md, $"peak RSS of the facade during {r.Clients} cold pulls < 200 MiB",
            $"{facade.PeakRssColdBytes / MiB:F0} MiB", facade.PeakRssColdBytes < 200 * MiB);
        Ratio(md, "manifest by digest: facade req/s >= 3x distribution proxy", facade.ManifestByDigest?.RequestsPerSecond,
            proxy.ManifestByDigest?.RequestsPerSecond, 3.0);
        Ratio(md, "manifest by tag: facade req/s >= 3x distribution proxy", facade.ManifestByTag?.RequestsPerSecond,
            proxy.ManifestByTag?.RequestsPerSecond, 3.0);
        Line(md, $"manifest by digest: facade p99 < 5 ms at {r.ManifestConnections} connections",
            $"{facade.ManifestByDigest?.P99Ms:F2} ms", facade.ManifestByDigest?.P99Ms < 5);
        Line(md, $"manifest by tag: facade p99 < 5 ms at {r.ManifestConnections} connections",
            $"{facade.ManifestByTag?.P99Ms:F2} ms", facade.ManifestByTag?.P99Ms < 5);
        return md.ToString();
    }

    private static void Ratio(StringBuilder md, string target, double? value, double? reference, double needed)
    {
        if (value is not { } v || reference is not { } r || r <= 0) { Line(md, target, "not measured", false); return; }
        Line(md, target, string.Create(CultureInfo.InvariantCulture, $"{v:F0} vs {r:F0} = {v / r:P0}"), v / r >= needed);
    }

    private static void Line(StringBuilder md, string target, string measured, bool? met) =>
        md.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {measured} | {(met is null ? "(reference)" : met.Value ? "met" : "NOT met")} |");
}
