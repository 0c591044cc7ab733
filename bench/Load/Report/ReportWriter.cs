using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Facade.Load.Report;

/// <summary>Renders a <see cref="LoadReport"/> as a markdown table (with target verdicts) and as JSON.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes <c>load-&lt;date&gt;.md</c> and <c>.json</c>; returns the markdown.</summary>
    public static async Task<string> WriteAsync(LoadReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"load-{report.Started:yyyy-MM-dd-HHmm}");
        var markdown = Markdown(report);
        await File.WriteAllTextAsync(stem + ".md", markdown);
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, Json));
        return markdown;
    }

    public static string Markdown(LoadReport r)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Load run {r.Started:yyyy-MM-dd HH:mm} UTC ({r.DurationSeconds:F0} s)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Describe()}. Upstream: {r.RegistryVersion}.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Load average (1/5/15 min) before: {r.LoadAverageBefore}, after: {r.LoadAverageAfter} (other work on the machine is included in every number).");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Blob {r.BlobBytes / (1024 * 1024)} MiB of random bytes; {r.Clients} clients; blob runs {r.BlobSeconds:F0} s, manifest runs {r.ManifestSeconds:F0} s at {r.ManifestConnections} connections.");
        md.AppendLine();
        md.Append("| metric |");
        foreach (var p in r.Peers) md.Append(' ').Append(p.Name).Append(" |");
        md.AppendLine();
        md.Append("|---|");
        foreach (var _ in r.Peers) md.Append("---:|");
        md.AppendLine();
        Row(md, r, "cached blob GET, 1 client (MiB/s)", p => F(p.BlobMiBps1, "F0"));
        Row(md, r, $"cached blob GET, {r.Clients} clients (MiB/s)", p => F(p.BlobMiBps32, "F0"));
        Row(md, r, "server CPU s per GiB served, 1 client", p => F(p.CpuSecondsPerGiB1, "F2"));
        Row(md, r, $"server CPU s per GiB served, {r.Clients} clients", p => F(p.CpuSecondsPerGiB32, "F2"));
        Row(md, r, $"{r.Clients} cold pulls: wall time (s)", p => F(p.Cold?.WallSeconds, "F1"));
        Row(md, r, $"{r.Clients} cold pulls: complete / failed", p => p.Cold is { } c ? $"{c.Completed} / {c.Failed}" : "-");
        Row(md, r, $"{r.Clients} cold pulls: upstream blob GETs", p => p.UpstreamBlobGets?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Row(md, r, $"{r.Clients} cold pulls: upstream MiB sent", p => F(p.UpstreamBytes / (1024.0 * 1024), "F0"));
        Row(md, r, "manifest by digest: req/s", p => F(p.ManifestByDigest?.RequestsPerSecond, "F0"));
        Row(md, r, "manifest by digest: p50 / p99 (ms)", p => Latency(p.ManifestByDigest));
        Row(md, r, "manifest by tag: req/s", p => F(p.ManifestByTag?.RequestsPerSecond, "F0"));
        Row(md, r, "manifest by tag: p50 / p99 (ms)", p => Latency(p.ManifestByTag));
        Row(md, r, "manifest by tag: upstream requests", p => p.UpstreamRequestsDuringTagLoad?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Row(md, r, "peak RSS during cold pulls (MiB)", p => F(p.PeakRssColdBytes / (1024.0 * 1024), "F0"));
        Row(md, r, "peak RSS during cached load (MiB)", p => F(p.PeakRssCachedBytes / (1024.0 * 1024), "F0"));
        var notes = r.Peers.SelectMany(p => p.Notes.Select(n => $"- {p.Name}: {n}")).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine();
            foreach (var note in notes) md.AppendLine(note);
        }
        md.AppendLine();
        md.Append(TargetCheck.Render(r));
        return md.ToString();
    }

    private static void Row(StringBuilder md, LoadReport r, string metric, Func<PeerResult, string> value)
    {
        md.Append("| ").Append(metric).Append(" |");
        foreach (var p in r.Peers) md.Append(' ').Append(value(p)).Append(" |");
        md.AppendLine();
    }

    private static string Latency(Measure.WrkResult? w) =>
        w is null ? "-" : $"{F(w.P50Ms, "F2")} / {F(w.P99Ms, "F2")}" + (w.Errors + w.Non2xx > 0 ? $" ({w.Errors + w.Non2xx} errors)" : "");

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
