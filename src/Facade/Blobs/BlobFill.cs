using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Storage;
using Facade.Upstreams;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// One fetch of one blob (from the first of its origins that has it) into a temp file, shared by every client that wants it
/// (single flight with read-along). The fetch hashes every byte and commits the file to the
/// store only when digest and length match. Readers follow the bytes as they land; the last
/// byte of any response is held back until the whole blob is verified, so a client never sees
/// a clean end of wrong bytes. The fetch is not tied to any client's cancellation. When the
/// cache cannot take the blob the fill ends at once as <see cref="Uncached"/>, or, when the
/// volume fails under it, as abandoned: readers then stream past the cache (<see cref="PassThroughBlobContent"/>).
/// </summary>
internal sealed class BlobFill
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<long?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Created only by a reader that found nothing new to read; null while nobody waits, so a
    // fill that readers never catch up with allocates nothing per chunk.
    private TaskCompletionSource? _waiter;
    private string _path;
    private long _written;
    private volatile bool _verified;
    private volatile OciError? _failure;
    private volatile bool _uncached;
    private volatile bool _abandoned;

    public BlobFill(Digest digest, string tempPath, UpstreamTarget target)
    {
        Digest = digest;
        Target = target;
        _path = tempPath;
    }

    public Digest Digest { get; }

    /// <summary>The repository the fetch runs under (the first caller's).</summary>
    public UpstreamTarget Target { get; }

    /// <summary>Completes with the blob's length (null when the upstream did not say) once response headers arrived; faults with <see cref="UpstreamException"/>.</summary>
    public Task<long?> Started => _started.Task;

    /// <summary>True once every byte arrived and matched the digest.</summary>
    public bool Verified => _verified;

    /// <summary>
    /// True when the cache could not take the blob (no room, larger than the bound, a failing
    /// volume): nothing was written, and every reader streams its own verified copy instead.
    /// </summary>
    public bool Uncached => _uncached;

    /// <summary>The name of the origin the bytes come from, once started (a metrics label).</summary>
    public string Source { get; private set; } = "upstream";

    /// <summary>Why the fill failed (the exception behind the error readers get), or null.</summary>
    public Exception? FailureCause { get; private set; }

    /// <summary>Runs the fetch to the end. Never throws: failures are recorded for readers.</summary>
    public async Task RunAsync(BlobFills fills, ContentStore store, FacadeMetrics metrics, CancellationToken stopping)
    {
        ResumingStream? body = null;
        var target = Target;
        using var span = FacadeTelemetry.Start("blob fill", Digest.Value, target.Upstream.Name);
        try
        {
            body = await fills.OpenAsync(target, Digest, 0, stopping).ConfigureAwait(false);
            Source = body.Current.Origin.Name;
            span?.SetTag(FacadeTelemetry.SourceAttribute, Source);
            // Room is made (least recently used evicted) before the first byte is written.
            using var reservation = body.BlobLength is { } expected ? store.TryReserve(_path, expected) : null;
            using var file = reservation is null && body.BlobLength is not null ? null : TryCreate(store);
            if (file is null)
            {
                // The cache is advisory. This body is not handed to a reader: each reader opens
                // its own (the Blobs README says why).
                _uncached = true;
                _started.TrySetResult(body.BlobLength);
                return;
            }
            _started.TrySetResult(body.BlobLength);
            await CopyVerifiedAsync(body, file, fills.Idle, fills.Time, metrics, stopping).ConfigureAwait(false);
            lock (_lock)
            {
                store.CommitBlob(Digest, _path);
                _path = store.BlobPath(Digest);
                _verified = true;
            }
            await body.Current.Origin.VerifiedAsync(Digest, body.Current).ConfigureAwait(false);
        }
        catch (CacheWriteException e)
        {
            // The volume failed under the fill (ENOSPC): the bytes so far stay readable through
            // the handles readers hold, and each reader continues uncached from there.
            store.ReportWriteFailure(e.InnerException!);
            span?.SetTag("facade.cache.abandoned_at", Interlocked.Read(ref _written));
            _abandoned = true;
            Durable.TryDelete(_path);
        }
        catch (Exception e)
        {
            var error = e is ContentMismatchException m ? m.Error : e is UpstreamException u ? u.Error : UpstreamFailure.FromException(target.Upstream, e);
            // The origin forgets wrong content (a CID) before any reader learns of the failure, so a
            // client that retries after the abort is already sent elsewhere.
            if (body is not null && e is ContentMismatchException)
                foreach (var part in body.Parts) await part.Origin.RejectedAsync(Digest, part).ConfigureAwait(false);
            span.Fail(e);
            FailureCause = e;
            _failure = error;
            _started.TrySetException(new UpstreamException(error));
            Durable.TryDelete(_path);
        }
        finally
        {
            if (body is not null) await body.DisposeAsync().ConfigureAwait(false);
            Pulse();
        }
    }

    private SafeFileHandle? TryCreate(ContentStore store)
    {
        try
        {
            // Written with plain pwrite calls: they land in the page cache, and an asynchronous
            // file write on Linux is the same call moved to another thread (a hop per chunk).
            return File.OpenHandle(_path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            store.ReportWriteFailure(e);
            return null;
        }
    }

    private async Task CopyVerifiedAsync(ResumingStream body, SafeFileHandle file, TimeSpan idleTimeout, TimeProvider time, FacadeMetrics metrics, CancellationToken stopping)
    {
        using var idle = new IdleWatchdog(idleTimeout, time, stopping);
        await FillCopy.RunAsync(body, file, Digest, idle, metrics, written =>
        {
            Interlocked.Add(ref _written, written);
            Pulse();
        }, stopping).ConfigureAwait(false);
    }

    /// <summary>Opens the fill's file for a reader (the temp file, or the store file once committed).</summary>
    public SafeFileHandle OpenRead()
    {
        lock (_lock)
            return File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
    }

    /// <summary>
    /// Waits until the fill can serve bytes up to <paramref name="end"/> (exclusive) with
    /// <paramref name="position"/> &lt; result, i.e. returns how far a reader may read now.
    /// The last byte of a response becomes readable only once the blob is verified. Throws
    /// <see cref="CacheAbandonedException"/> when the cache volume failed under the fill.
    /// </summary>
    public async ValueTask<long> WaitReadableAsync(long position, long end, CancellationToken ct)
    {
        while (true)
        {
            if (TryReadable(position, end) is { } now) return now;
            var waiter = Volatile.Read(ref _waiter);
            if (waiter is null)
            {
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiter = Interlocked.CompareExchange(ref _waiter, created, null) ?? created;
            }
            // Checked again once the waiter is visible: progress made between the first check
            // and its publication pulsed nobody.
            if (TryReadable(position, end) is { } later) return later;
            await waiter.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private long? TryReadable(long position, long end)
    {
        if (_failure is { } failure) throw new UpstreamException(failure);
        if (_abandoned) throw new CacheAbandonedException(Interlocked.Read(ref _written));
        // Verified is read first: once it is true, the length read after it is the final one.
        var verified = _verified;
        var written = Interlocked.Read(ref _written);
        var limit = verified ? Math.Min(written, end) : Math.Min(written, end - 1);
        if (limit > position) return limit;
        if (verified && position >= written) return position; // nothing more will come
        return null;
    }

    /// <summary>Wakes the readers waiting for progress, if any.</summary>
    private void Pulse() => Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
}
