using System.Globalization;
using System.Text;

namespace Facade.Load.Soak;

/// <summary>Writes the soak's result as <c>soak-&lt;date&gt;.md</c>: totals, verdicts, the per-minute table, windows, unexplained errors.</summary>
internal static class SoakReportWriter
{
    public static async Task<string> WriteAsync(SoakResult r, string directory)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"## Soak {r.Started:yyyy-MM-dd HH:mm} UTC, {r.Minutes} minutes");
        md.AppendLine();
        var load = File.ReadAllText("/proc/loadavg").Trim();
        md.AppendLine(c, $"{r.Clients} clients, {r.Images} images ({r.ImageBytes / 1048576.0:F1} MiB of blobs), cache bound {r.CacheBound / 1048576.0:F1} MiB; upstream down 20 s every 4 minutes; SIGTERM and a new facade process on the same cache half-way. Load average at the end: {load}");
        md.AppendLine();
        var rss = r.Samples.Select(s => s.RssMiB).ToList();
        var fds = r.Samples.Select(s => s.OpenFds).ToList();
        md.AppendLine("| what | value |");
        md.AppendLine("|---|---|");
        md.AppendLine(c, $"| good responses (hashed, whole) | {r.Ok} ({r.Bytes / 1048576.0:F0} MiB) |");
        md.AppendLine(c, $"| **wrong bytes** (clean end, content not matching) | **{r.Wrong}** |");
        md.AppendLine(c, $"| clients that left mid-body | {r.Disconnects} |");
        md.AppendLine(c, $"| errors inside an upstream-down or restart window (+5 s) | {r.ExplainedErrors} |");
        md.AppendLine(c, $"| **errors outside any window** | **{r.UnexplainedErrors.Count}** |");
        if (rss.Count > 0)
            md.AppendLine(c, $"| RSS MiB (min / last / max) | {rss.Min():F0} / {rss[^1]:F0} / {rss.Max():F0} |");
        if (fds.Count > 0)
            md.AppendLine(c, $"| open fds (min / last / max) | {fds.Min()} / {fds[^1]} / {fds.Max()} |");
        md.AppendLine();
        md.AppendLine("| minute | ok | errors | wrong | left early | RSS MiB | fds | pid |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Samples)
            md.AppendLine(c, $"| {s.Minute} | {s.Ok} | {s.Errors} | {s.Wrong} | {s.Disconnects} | {s.RssMiB:F0} | {s.OpenFds} | {s.Pid} |");
        md.AppendLine();
        md.AppendLine("Windows:");
        md.AppendLine();
        foreach (var w in r.Windows) md.AppendLine(c, $"- {w.From:HH:mm:ss}-{w.To:HH:mm:ss} {w.Reason}");
        if (r.UnexplainedErrors.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Errors outside any window (by kind):");
            md.AppendLine();
            foreach (var g in r.UnexplainedErrors.GroupBy(e => e.What).OrderByDescending(g => g.Count()))
                md.AppendLine(c, $"- {g.Count()} x {g.Key} (first {g.Min(e => e.At):HH:mm:ss}, last {g.Max(e => e.At):HH:mm:ss})");
        }
        if (r.WrongDetails.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Wrong bytes:");
            md.AppendLine();
            foreach (var w in r.WrongDetails.Take(20)) md.AppendLine("- " + w);
        }
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"soak-{r.Started:yyyy-MM-dd-HHmm}.md");
        await File.WriteAllTextAsync(path, md.ToString());
        return md.ToString();
    }
}
