using System.Globalization;
using System.Text;
using Facade.Load.Report;

namespace Facade.Load.Composition;

/// <summary>Renders a <see cref="ComposeResult"/> as markdown and JSON (<c>compose-&lt;date&gt;</c>).</summary>
internal static class ComposeReportWriter
{
    public static Task<string> WriteAsync(ComposeResult r, string directory) =>
        ResultFiles.WriteAsync(directory, $"compose-{r.Started:yyyy-MM-dd-HHmm}", Markdown(r), r);

    public static string Markdown(ComposeResult r)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Composition latency, {r.Started:yyyy-MM-dd HH:mm} UTC ({r.DurationSeconds:F0} s)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Describe()}.");
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Load average (1/5/15 min) before: {r.LoadAverageBefore}, after: {r.LoadAverageAfter} (other work on the machine is included in every number).");
        md.AppendLine(CultureInfo.InvariantCulture, $"Images: {r.Images}. Each mode ran on its own new facade process with an empty cache.");
        md.AppendLine();
        md.AppendLine("| metric | " + string.Join(" | ", r.Modes.Select(m => $"`{m.Name}/<id>`")) + " |");
        md.AppendLine("|---|" + string.Concat(r.Modes.Select(_ => "---:|")));
        Row(md, r, "first GET, first id after start (ms)", m => F(m.FirstMs, "F1"));
        Row(md, r, "... upstream requests it caused", m => m.FirstUpstreamRequests.ToString(CultureInfo.InvariantCulture));
        Row(md, r, "first GET, second id (ms)", m => F(m.SecondIdFirstMs, "F1"));
        Row(md, r, "... upstream requests it caused", m => m.SecondIdUpstreamRequests.ToString(CultureInfo.InvariantCulture));
        Row(md, r, "repeated GETs, sequential: count", m => m.RepeatCount.ToString(CultureInfo.InvariantCulture));
        Row(md, r, "repeated GETs: p50 / p99 / mean (ms)", m => $"{F(m.RepeatP50Ms, "F2")} / {F(m.RepeatP99Ms, "F2")} / {F(m.RepeatMeanMs, "F2")}");
        Row(md, r, "concurrent: connections x seconds", m => $"{m.Connections} x {m.ConcurrentSeconds:F0}");
        Row(md, r, "concurrent: req/s", m => F(m.Concurrent.RequestsPerSecond, "F0"));
        Row(md, r, "concurrent: p50 / p99 (ms)", m => $"{F(m.Concurrent.P50Ms ?? 0, "F2")} / {F(m.Concurrent.P99Ms ?? 0, "F2")}");
        Row(md, r, "concurrent: errors + non-2xx", m => (m.Concurrent.Errors + m.Concurrent.Non2xx).ToString(CultureInfo.InvariantCulture));
        Row(md, r, "upstream requests during repeats + concurrent", m => m.UpstreamRequestsAfterFirst.ToString(CultureInfo.InvariantCulture));
        Row(md, r, "GetImageSpec calls (whole mode)", m => m.SpecCalls?.ToString(CultureInfo.InvariantCulture) ?? "-");
        Row(md, r, "layers in the composed manifest", m => m.Layers.ToString(CultureInfo.InvariantCulture));
        return md.ToString();
    }

    private static void Row(StringBuilder md, ComposeResult r, string metric, Func<ComposeModeResult, string> value) =>
        md.AppendLine("| " + metric + " | " + string.Join(" | ", r.Modes.Select(value)) + " |");

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
