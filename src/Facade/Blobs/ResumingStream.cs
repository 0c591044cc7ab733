using System.Net.Http;
using Facade.Ipfs;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// The body a fill reads, resumed where it broke: when an origin's connection dies mid-blob, the
/// blob is asked again from the byte reached, from the next origin when one follows (IPFS gives
/// way to the upstream), else from the same one (the upstream, with <c>Range</c>), at most
/// <see cref="MaxResumes"/> times. The fill hashes everything it reads as one stream, so a resumed
/// blob is verified exactly like an unbroken one.
/// </summary>
internal sealed partial class ResumingStream(FetchedBody first, IReadOnlyList<IFillOrigin> origins, UpstreamTarget target, Digest digest, ILogger log, long start = 0)
    : ReadOnlyForwardStream
{
    /// <summary>How many times one fill may resume.</summary>
    public const int MaxResumes = 3;

    private readonly List<FetchedBody> _parts = [first];
    private int _resumes;
    private long _position = start;

    /// <summary>The whole blob's length, when the first origin said.</summary>
    public long? BlobLength { get; } = first.Length;

    /// <summary>The body being read now (the last part).</summary>
    public FetchedBody Current => _parts[^1];

    /// <summary>Every body that contributed bytes, in order.</summary>
    public IReadOnlyList<FetchedBody> Parts => _parts;

    /// <summary>Who sent the bytes being read, for error messages ("upstream &lt;name&gt;", or the origin's name).</summary>
    public string Describe() => Current.Origin is UpstreamOrigin ? "upstream " + target.Upstream.Name : Current.Origin.Name;

    /// <summary>
    /// One read under <paramref name="idle"/>: a stall (no byte for its timeout) is a gateway
    /// timeout (not resumed), distinct from <paramref name="stopping"/> cancelling.
    /// </summary>
    public async ValueTask<int> ReadProgressingAsync(Memory<byte> buffer, IdleWatchdog idle, CancellationToken stopping)
    {
        idle.Reading();
        try { return await ReadAsync(buffer, idle.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new UpstreamException(new OciError(OciErrorCode.GatewayTimeout, $"{Current.Origin.Name} stalled sending {digest}"));
        }
        finally { idle.Read(); }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Exception? cut;
            try
            {
                var read = await Current.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0 || buffer.IsEmpty || BlobLength is not { } length || _position >= length)
                {
                    _position += read;
                    Current.Origin.Received(read);
                    return read;
                }
                cut = new IOException($"the body ended after {_position} of {length} bytes");
            }
            catch (Exception e) when (e is IOException or HttpRequestException or IpfsException && !cancellationToken.IsCancellationRequested)
            {
                cut = e;
            }
            if (_resumes++ >= MaxResumes) throw new IOException($"fetch of {digest} broke {_resumes} times: {cut.Message}", cut);
            await ResumeAsync(cut, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResumeAsync(Exception cut, CancellationToken ct)
    {
        var broken = Current;
        broken.Origin.Broke(digest, broken, cut.Message);
        var index = IndexOf(broken.Origin);
        var from = index < origins.Count - 1 ? index + 1 : index;
        for (var i = from; i < origins.Count; i++)
        {
            var next = await origins[i].OpenAsync(target, digest, _position, ct).ConfigureAwait(false);
            if (next is null) continue;
            if (next.Length != BlobLength)
            {
                await next.DisposeAsync().ConfigureAwait(false);
                throw new IOException($"{origins[i].Name} gives {digest} another length ({next.Length}) than {broken.Origin.Name} ({BlobLength})", cut);
            }
            LogResumed(log, digest.Value, broken.Origin.Name, _position, origins[i].Name, cut.Message);
            await broken.Body.DisposeAsync().ConfigureAwait(false);
            _parts.Add(next);
            return;
        }
        throw new IOException($"no origin could resume {digest} at byte {_position}", cut);
    }

    private int IndexOf(IFillOrigin origin)
    {
        for (var i = 0; i < origins.Count; i++)
            if (ReferenceEquals(origins[i], origin)) return i;
        return origins.Count - 1;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var part in _parts) await part.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            foreach (var part in _parts) part.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "fetch of {Digest} from {Origin} broke at byte {Position}; resuming from {Next}: {Reason}")]
    private static partial void LogResumed(ILogger log, string digest, string origin, long position, string next, string reason);
}
