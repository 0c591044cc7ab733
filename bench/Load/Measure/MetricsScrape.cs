using System.Globalization;

namespace Facade.Load.Measure;

/// <summary>Reads one sample from a Prometheus text exposition (<c>/metrics</c>).</summary>
internal static class MetricsScrape
{
    /// <summary>
    /// The value of the first sample of <paramref name="metric"/> whose labels contain
    /// <paramref name="label"/> (e.g. <c>source="ipfs"</c>); null when there is none.
    /// </summary>
    public static async Task<long?> CounterAsync(Uri metricsUrl, string metric, string label)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(metricsUrl);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal)) continue;
            var close = line.IndexOf('}');
            if (close < 0 || !line.AsSpan(0, close).Contains(label, StringComparison.Ordinal)) continue;
            var value = line[(close + 1)..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return (long)number;
        }
        return null;
    }
}
