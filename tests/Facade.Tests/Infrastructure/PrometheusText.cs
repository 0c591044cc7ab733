using System.Globalization;
using System.Text.RegularExpressions;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// The samples of a Prometheus text exposition, so tests ask for a value by metric name and a
/// subset of labels instead of matching one exporter's exact label order and extra labels.
/// </summary>
public sealed partial class PrometheusText
{
    private PrometheusText(IReadOnlyList<Sample> samples) => Samples = samples;

    /// <summary>Every sample line: name, labels, value.</summary>
    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Scrapes <c>/metrics</c> of a facade.</summary>
    public static async Task<PrometheusText> ScrapeAsync(HttpClient client) => Parse(await client.GetStringAsync("/metrics"));

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = SampleLine().Match(line);
            if (!match.Success) throw new FormatException($"not a sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
                labels[label.Groups["k"].Value] = Regex.Unescape(label.Groups["v"].Value);
            samples.Add(new Sample(match.Groups["name"].Value, labels,
                double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        return new PrometheusText(samples);
    }

    /// <summary>The sum over the series of <paramref name="name"/> carrying every given label (name=value); 0 when none.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    /// <summary>True when at least one series of <paramref name="name"/> carries every given label.</summary>
    public bool Has(string name, params (string Key, string Value)[] labels) => Matching(name, labels).Any();

    private IEnumerable<Sample> Matching(string name, (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>One sample line.</summary>
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex("""^(?<name>[^\s{]+)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<k>[a-zA-Z_][a-zA-Z0-9_]*)="(?<v>(\\.|[^"\\])*)",?""")]
    private static partial Regex LabelPair();
}
