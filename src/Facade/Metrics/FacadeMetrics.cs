using System.Diagnostics.Metrics;

namespace Facade.Metrics;

/// <summary>
/// The facade's instruments, all on the meter named <see cref="MeterName"/> so that
/// <see cref="PrometheusExporter"/> (and any OpenTelemetry listener) sees them.
/// </summary>
internal sealed class FacadeMetrics : IDisposable
{
    public const string MeterName = "Facade";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _bytesServed;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _singleFlightJoins;
    private readonly Counter<long> _upstreamFetches;
    private readonly Counter<long> _upstreamBytes;
    private readonly Counter<long> _staleTags;
    private readonly Counter<long> _verifyFailures;
    private readonly Counter<long> _evictions;
    private readonly Histogram<double> _upstreamLatency;
    private readonly Counter<long> _cidLookups;
    private readonly Counter<long> _ipfsFallbacks;
    private readonly Counter<long> _ipfsRejected;
    private readonly Counter<long> _published;
    private long _cacheBytes;
    private long _publishQueue;

    public FacadeMetrics(IMeterFactory factory)
    {
        _meter = factory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("facade_requests_total", description: "HTTP requests by route, method and status");
        _bytesServed = _meter.CreateCounter<long>("facade_bytes_served_total", description: "Body bytes sent to clients by source");
        _cacheHits = _meter.CreateCounter<long>("facade_cache_hits_total", description: "Cache hits by kind");
        _cacheMisses = _meter.CreateCounter<long>("facade_cache_misses_total", description: "Cache misses by kind");
        _singleFlightJoins = _meter.CreateCounter<long>("facade_singleflight_joins_total", description: "Requests that joined a fetch already in flight");
        _upstreamFetches = _meter.CreateCounter<long>("facade_upstream_fetches_total", description: "Fetches started upstream by kind");
        _upstreamBytes = _meter.CreateCounter<long>("facade_upstream_bytes_total", description: "Body bytes received from upstreams");
        _staleTags = _meter.CreateCounter<long>("facade_stale_tag_served_total", description: "Tags served from their last known digest because the upstream failed");
        _verifyFailures = _meter.CreateCounter<long>("facade_verify_failures_total", description: "Upstream content that failed digest or length verification");
        _evictions = _meter.CreateCounter<long>("facade_cache_evictions_total", description: "Cache entries evicted");
        _upstreamLatency = _meter.CreateHistogram<double>("facade_upstream_latency_seconds", unit: "s", description: "Time to upstream response headers");
        _cidLookups = _meter.CreateCounter<long>("facade_cid_lookups_total", description: "CID lookups by result (hit, miss)");
        _ipfsFallbacks = _meter.CreateCounter<long>("facade_ipfs_fallbacks_total", description: "Blobs with a CID fetched from the upstream because IPFS failed");
        _ipfsRejected = _meter.CreateCounter<long>("facade_ipfs_rejected_total", description: "Blobs from IPFS that did not match their digest");
        _published = _meter.CreateCounter<long>("facade_ipfs_publish_total", description: "Blobs offered to IPFS by result (published, failed, dropped)");
        _meter.CreateObservableGauge("facade_ipfs_publish_queue", () => Interlocked.Read(ref _publishQueue), description: "Blobs waiting to be published to IPFS");
        _meter.CreateObservableGauge("facade_cache_bytes", () => Interlocked.Read(ref _cacheBytes), description: "Bytes held in the disk cache");
    }

    public void Request(string route, string method, int status) =>
        _requests.Add(1, new("route", route), new("method", method), new("status", status));

    public void BytesServed(string source, long bytes) => _bytesServed.Add(bytes, new KeyValuePair<string, object?>("source", source));
    public void CacheHit(string kind) => _cacheHits.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void CacheMiss(string kind) => _cacheMisses.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void SingleFlightJoin(string kind) => _singleFlightJoins.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void UpstreamFetch(string kind) => _upstreamFetches.Add(1, new KeyValuePair<string, object?>("kind", kind));
    public void UpstreamBytes(long bytes) => _upstreamBytes.Add(bytes);
    public void StaleTagServed() => _staleTags.Add(1);
    public void VerifyFailure() => _verifyFailures.Add(1);
    public void CacheEvicted() => _evictions.Add(1);
    public void CacheBytes(long bytes) => Interlocked.Exchange(ref _cacheBytes, bytes);

    public void CidLookup(bool hit) => _cidLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
    public void IpfsFallback() => _ipfsFallbacks.Add(1);
    public void IpfsRejected() => _ipfsRejected.Add(1);
    public void Published(string result) => _published.Add(1, new KeyValuePair<string, object?>("result", result));
    public void PublishQueueLength(long length) => Interlocked.Exchange(ref _publishQueue, length);

    public void UpstreamLatency(string upstream, TimeSpan elapsed) =>
        _upstreamLatency.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("upstream", upstream));

    public void Dispose() => _meter.Dispose();
}
