using System.Collections.Concurrent;
using Facade.Hosting;
using Facade.Metrics;
using Facade.Shared.Oci;
using Facade.Storage;
using Facade.Shared.Errors;
using Facade.Upstreams;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// The blob fetches in flight, one per digest. A request for an uncached blob joins the fill
/// in flight or starts one; the fill leaves this table when it ends, after its commit, so a
/// later request finds the blob in the store (or, after a failure, starts afresh). Fills run
/// through a graceful shutdown's drain and are aborted only when it is over.
/// </summary>
internal sealed partial class BlobFills(
    ContentStore store, IReadOnlyList<IFillOrigin> origins, TimeSpan idle, TimeProvider time, FacadeMetrics metrics, ILogger<BlobFills> log, ShutdownDrain drain)
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
                    await fill.RunAsync(this, store, metrics, drain.Aborting).ConfigureAwait(false);
                    // Once per fill, however many clients read along: the failure and its cause.
                    if (fill.FailureCause is { } cause) LogFillFailed(digest.Value, fill.Source, target.Upstream.Name, cause.Message, cause);
                }
                finally { _inFlight.TryRemove(new KeyValuePair<Digest, BlobFill>(digest, fill)); }
            });
            return fill;
        }
    }

    /// <summary>
    /// The blob's body from byte <paramref name="offset"/> from the first origin that has it,
    /// resumed where it breaks. Throws <see cref="UpstreamException"/> when none has it.
    /// </summary>
    public async Task<ResumingStream> OpenAsync(UpstreamTarget target, Digest digest, long offset, CancellationToken ct)
    {
        foreach (var origin in Origins)
            if (await origin.OpenAsync(target, digest, offset, ct).ConfigureAwait(false) is { } body)
                return new ResumingStream(body, Origins, target, digest, log, offset);
        throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown, $"no origin has {digest}"));
    }

    /// <summary>
    /// A blob streamed past the cache, verified like a fill: for a fill that could not cache, or
    /// (with <paramref name="prefix"/>) one whose volume failed after <paramref name="prefixLength"/>
    /// bytes. The origin is opened here, so a failure to open is an error response, not a cut one.
    /// </summary>
    public async Task<PassThroughBlobContent> PassThroughAsync(UpstreamTarget target, Digest digest, long? length, CancellationToken ct,
        SafeFileHandle? prefix = null, long prefixLength = 0)
    {
        var body = await OpenAsync(target, digest, prefixLength, ct).ConfigureAwait(false);
        if (length is { } known && body.BlobLength != known)
        {
            await body.DisposeAsync().ConfigureAwait(false);
            throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"{body.Describe()} gives {digest} another length ({body.BlobLength}) than before ({length})"));
        }
        return new PassThroughBlobContent(this, body, digest, length ?? body.BlobLength, prefix, prefixLength);
    }

    /// <summary>How long an origin may send nothing before its transfer counts as stalled.</summary>
    public TimeSpan Idle => idle;

    /// <summary>The clock of idle timeouts.</summary>
    public TimeProvider Time => time;

    /// <summary>Counts verification failures (shared with the pass-through).</summary>
    public FacadeMetrics Metrics => metrics;

    /// <summary>Aborts what is still streaming once a graceful shutdown's drain is over.</summary>
    public CancellationToken Aborting => drain.Aborting;

    /// <summary>True when no fill is running (the graceful shutdown waits for this).</summary>
    public bool IsIdle => _inFlight.IsEmpty;

    /// <summary>Takes a failed fill out of the table at once, so the next caller starts afresh.</summary>
    public void Forget(BlobFill fill) => _inFlight.TryRemove(new KeyValuePair<Digest, BlobFill>(fill.Digest, fill));

    /// <summary>The fill in flight for a digest, if any.</summary>
    public BlobFill? Find(Digest digest) => _inFlight.GetValueOrDefault(digest);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "fetch of {Digest} from {Source} (upstream {Upstream}) failed: {Reason}")]
    private partial void LogFillFailed(string digest, string source, string upstream, string reason, Exception cause);
}
