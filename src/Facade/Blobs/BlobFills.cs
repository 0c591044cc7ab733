using System.Collections.Concurrent;
using Facade.Hosting;
using Facade.Metrics;
using Facade.Shared.Oci;
using Facade.Storage;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// The blob fetches in flight, one per digest. A request for an uncached blob joins the fill
/// in flight or starts one; the fill leaves this table when it ends, after its commit, so a
/// later request finds the blob in the store (or, after a failure, starts afresh). Fills run
/// through a graceful shutdown's drain and are aborted only when it is over.
/// </summary>
internal sealed partial class BlobFills(
    ContentStore store, IReadOnlyList<IFillOrigin> origins, TimeSpan idle, FacadeMetrics metrics, ILogger<BlobFills> log, ShutdownDrain drain)
{
    private readonly ConcurrentDictionary<Digest, BlobFill> _inFlight = new();

    /// <summary>The origins a fill reads from, in order.</summary>
    public IReadOnlyList<IFillOrigin> Origins { get; } = origins;

    /// <summary>The fill for a digest, started if none is running; <paramref name="joined"/> tells whether one was.</summary>
    public BlobFill GetOrStart(UpstreamTarget target, Digest digest, out bool joined)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(digest, out var existing))
            {
                joined = true;
                return existing;
            }
            var fill = new BlobFill(digest, store.NewTempPath(), target);
            if (!_inFlight.TryAdd(digest, fill)) continue;
            joined = false;
            _ = Task.Run(async () =>
            {
                try
                {
                    await fill.RunAsync(target, Origins, idle, store, metrics, log, drain.Aborting).ConfigureAwait(false);
                    // Once per fill, however many clients read along: the failure and its cause.
                    if (fill.FailureCause is { } cause) LogFillFailed(digest.Value, fill.Source, target.Upstream.Name, cause.Message, cause);
                }
                finally { _inFlight.TryRemove(new KeyValuePair<Digest, BlobFill>(digest, fill)); }
            });
            return fill;
        }
    }

    /// <summary>True when no fill is running (the graceful shutdown waits for this).</summary>
    public bool IsIdle => _inFlight.IsEmpty;

    /// <summary>Takes a failed fill out of the table at once, so the next caller starts afresh.</summary>
    public void Forget(BlobFill fill) => _inFlight.TryRemove(new KeyValuePair<Digest, BlobFill>(fill.Digest, fill));

    /// <summary>The fill in flight for a digest, if any.</summary>
    public BlobFill? Find(Digest digest) => _inFlight.GetValueOrDefault(digest);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "fetch of {Digest} from {Source} (upstream {Upstream}) failed: {Reason}")]
    private partial void LogFillFailed(string digest, string source, string upstream, string reason, Exception cause);
}
