using System.Collections.Concurrent;
using System.Threading.Channels;
using Facade.Metrics;
using Facade.Shared.Oci;
using Facade.Storage;
using Microsoft.Extensions.Options;

namespace Facade.Ipfs;

/// <summary>
/// Publishes blobs served from upstreams to IPFS in the background, from the local cache file
/// (never a second upstream fetch). Bounded and de-duplicated: a digest waits in the queue at
/// most once, and a full queue drops new work rather than holding memory or requests.
/// </summary>
internal sealed partial class PublishQueue(
    IOptions<IpfsOptions> options, ContentStore store, LayerMediaTypes mediaTypes, IServiceProvider services,
    FacadeMetrics metrics, ILogger<PublishQueue> log) : BackgroundService
{
    private const int Capacity = 1024;
    private readonly bool _enabled = options.Value.Publish;
    private readonly Channel<Digest> _queue = Channel.CreateBounded<Digest>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly ConcurrentDictionary<Digest, byte> _pending = new();

    /// <summary>Offers a committed blob for publishing (no-op when publishing is off).</summary>
    public void Enqueue(Digest digest)
    {
        if (!_enabled || !_pending.TryAdd(digest, 0)) return;
        if (_queue.Writer.TryWrite(digest))
        {
            metrics.PublishQueueLength(_pending.Count);
            return;
        }
        _pending.TryRemove(digest, out _);
        metrics.Published("dropped");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled) return;
        var publisher = services.GetRequiredService<IpfsPublisher>();
        await foreach (var digest in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                using var handle = store.TryOpenBlob(digest, out _);
                if (handle is null) { metrics.Published("evicted"); continue; }
                await using var file = new FileStream(handle, FileAccess.Read, 1, isAsync: true);
                var cid = await publisher.PublishAsync(digest, mediaTypes.Find(digest), file, stoppingToken).ConfigureAwait(false);
                metrics.Published(cid is null ? "failed" : "published");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                metrics.Published("failed");
                LogPublishFailed(digest.Value, e.Message);
            }
            finally
            {
                _pending.TryRemove(digest, out _);
                metrics.PublishQueueLength(_pending.Count);
            }
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "publishing {Digest} to IPFS failed: {Reason}")]
    private partial void LogPublishFailed(string digest, string reason);
}
