using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Facade.Metrics;

/// <summary>
/// Listens to every instrument of the facade's meters and renders them in the Prometheus text
/// format. Counters and up-down counters are summed per tag set; histograms keep cumulative
/// buckets; observable gauges are read at scrape time.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> _series = new();
    // Hot path: a measurement finds its series by its raw tag values, without formatting labels.
    private readonly ConcurrentDictionary<SeriesKey, Series> _byTags = new();

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(FacadeMetrics.MeterName, StringComparison.Ordinal)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Renders every series.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder(4096);
        foreach (var group in _series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var instrument = group.Key;
            var histogram = instrument is Histogram<double> or Histogram<long>;
            var type = histogram ? "histogram" : instrument is ObservableGauge<long> or ObservableGauge<double> or UpDownCounter<long> ? "gauge" : "counter";
            if (instrument.Description is { } help) text.Append("# HELP ").Append(instrument.Name).Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(instrument.Name).Append(' ').Append(type).Append('\n');
            foreach (var (key, series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
                series.Write(text, instrument.Name, key.Labels, histogram);
        }
        return text.ToString();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Series series;
        if (SeriesKey.TryCreate(instrument, tags, out var key))
        {
            if (!_byTags.TryGetValue(key, out series!))
                series = _byTags.GetOrAdd(key, _series.GetOrAdd((instrument, FormatLabels(tags)), static _ => new Series()));
        }
        else
        {
            series = _series.GetOrAdd((instrument, FormatLabels(tags)), static _ => new Series());
        }
        if (instrument is Histogram<double> or Histogram<long>) series.Observe(value);
        else if (instrument is ObservableGauge<long> or ObservableGauge<double>) series.Set(value);
        else series.Add(value);
    }

    private static string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return "";
        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            parts.Add($"{tag.Key}=\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"");
        }
        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>An instrument and up to three tags, compared by value (ints and strings, the facade's tag types).</summary>
    private readonly record struct SeriesKey(Instrument Instrument, object? A, object? B, object? C, string? KeyA, string? KeyB, string? KeyC)
    {
        public static bool TryCreate(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags, out SeriesKey key)
        {
            key = default;
            if (tags.Length > 3) return false;
            foreach (var tag in tags)
                if (tag.Value is not (null or string or int or long)) return false;
            key = new SeriesKey(instrument,
                tags.Length > 0 ? tags[0].Value : null, tags.Length > 1 ? tags[1].Value : null, tags.Length > 2 ? tags[2].Value : null,
                tags.Length > 0 ? tags[0].Key : null, tags.Length > 1 ? tags[1].Key : null, tags.Length > 2 ? tags[2].Key : null);
            return true;
        }
    }

    private sealed class Series
    {
        private readonly Lock _lock = new();
        private double _value;
        private long _count;
        private long[]? _buckets;

        public void Add(double v) { lock (_lock) _value += v; }
        public void Set(double v) { lock (_lock) _value = v; }

        public void Observe(double v)
        {
            lock (_lock)
            {
                _buckets ??= new long[Buckets.Length];
                for (var i = 0; i < Buckets.Length; i++) if (v <= Buckets[i]) _buckets[i]++;
                _value += v;
                _count++;
            }
        }

        public void Write(StringBuilder text, string name, string labels, bool histogram)
        {
            lock (_lock)
            {
                if (!histogram)
                {
                    text.Append(name).Append(Braces(labels)).Append(' ').Append(Number(_value)).Append('\n');
                    return;
                }
                var prefix = labels.Length == 0 ? "" : labels + ",";
                for (var i = 0; i < Buckets.Length; i++)
                    text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"").Append(Number(Buckets[i])).Append("\"} ").Append(_buckets![i]).Append('\n');
                text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"+Inf\"} ").Append(_count).Append('\n');
                text.Append(name).Append("_sum").Append(Braces(labels)).Append(' ').Append(Number(_value)).Append('\n');
                text.Append(name).Append("_count").Append(Braces(labels)).Append(' ').Append(_count).Append('\n');
            }
        }

        private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";
        private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    }
}
