using System.Buffers;
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
/// a clean end of wrong bytes. The fetch is not tied to any client's cancellation.
/// </summary>
internal sealed class BlobFill
{
    private const int BufferSize = 128 * 1024;
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<long?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _path;
    private long _written;
    private volatile bool _verified;
    private volatile OciError? _failure;

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

    /// <summary>The name of the origin the bytes come from, once started (a metrics label).</summary>
    public string Source { get; private set; } = "upstream";

    /// <summary>Runs the fetch to the end. Never throws: failures are recorded for readers.</summary>
    public async Task RunAsync(UpstreamTarget target, IReadOnlyList<IFillOrigin> origins, TimeSpan idle, ContentStore store, FacadeMetrics metrics, ILogger log, CancellationToken stopping)
    {
        ResumingStream? body = null;
        try
        {
            body = new ResumingStream(await OpenFirstAsync(origins, target, stopping).ConfigureAwait(false), origins, target, Digest, log);
            Source = body.Current.Origin.Name;
            await using var file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
            _started.TrySetResult(body.BlobLength);
            await CopyVerifiedAsync(target.Upstream, body, file, idle, metrics, stopping).ConfigureAwait(false);
            lock (_lock)
            {
                store.CommitBlob(Digest, _path);
                _path = store.BlobPath(Digest);
                _verified = true;
            }
            await body.Current.Origin.VerifiedAsync(Digest, body.Current).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var error = e is ContentMismatchException m ? m.Error : e is UpstreamException u ? u.Error : UpstreamFailure.FromException(target.Upstream, e);
            // The origin forgets wrong content (a CID) before any reader learns of the failure, so a
            // client that retries after the abort is already sent elsewhere.
            if (body is not null && e is ContentMismatchException)
                foreach (var part in body.Parts) await part.Origin.RejectedAsync(Digest, part).ConfigureAwait(false);
            _failure = error;
            _started.TrySetException(new UpstreamException(error));
            TryDelete(_path);
        }
        finally
        {
            if (body is not null) await body.DisposeAsync().ConfigureAwait(false);
            Pulse();
        }
    }

    private async Task<FetchedBody> OpenFirstAsync(IReadOnlyList<IFillOrigin> origins, UpstreamTarget target, CancellationToken stopping)
    {
        foreach (var origin in origins)
            if (await origin.OpenAsync(target, Digest, 0, stopping).ConfigureAwait(false) is { } body) return body;
        throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown, $"no origin has {Digest}"));
    }

    private async Task CopyVerifiedAsync(UpstreamRegistry upstream, ResumingStream source, FileStream file,
        TimeSpan idleTimeout, FacadeMetrics metrics, CancellationToken stopping)
    {
        var body = source;
        var length = source.BlobLength;
        using var hasher = Digest.CreateHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            while (true)
            {
                idle.CancelAfter(idleTimeout);
                int read;
                try { read = await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    throw new UpstreamException(new OciError(OciErrorCode.GatewayTimeout, $"{source.Current.Origin.Name} stalled sending {Digest}"));
                }
                if (read == 0) break;
                hasher.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), stopping).ConfigureAwait(false);
                Interlocked.Add(ref _written, read);
                if (length is { } max && _written > max) break;
                Pulse();
            }
            await file.FlushAsync(stopping).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if ((length is { } expected && _written != expected) || !Digest.MatchesHash(hasher))
        {
            metrics.VerifyFailure();
            throw new ContentMismatchException(new OciError(OciErrorCode.BadGateway,
                $"{(source.Current.Origin is UpstreamOrigin ? "upstream " + upstream.Name : source.Current.Origin.Name)} sent content that does not match {Digest} ({_written} bytes)"));
        }
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
    /// The last byte of a response becomes readable only once the blob is verified.
    /// </summary>
    public async ValueTask<long> WaitReadableAsync(long position, long end, CancellationToken ct)
    {
        while (true)
        {
            var progress = Volatile.Read(ref _progress).Task;
            if (_failure is { } failure) throw new UpstreamException(failure);
            var written = Interlocked.Read(ref _written);
            var limit = _verified ? Math.Min(written, end) : Math.Min(written, end - 1);
            if (limit > position) return limit;
            if (_verified && position >= written) return position; // nothing more will come
            await progress.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private void Pulse()
    {
        var previous = Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
