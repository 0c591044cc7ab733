using Facade.Ipfs;
using Facade.Metrics;
using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Blobs;

/// <summary>
/// The IPFS node as a fill origin, for digests with a CID recorded in Redis. The node must send
/// its first byte within <see cref="IpfsOptions.FirstByteTimeout"/>; that failure, like any other
/// before the body opens, is a miss (the next origin, the upstream, is asked) and the CID is left
/// alone for a while. A CID whose bytes matched on a whole read is recorded as verified (partial
/// ranges may then come from it); one whose bytes did not match is forgotten.
/// </summary>
internal sealed partial class IpfsOrigin(
    IKuboClient kubo, ICidCache cids, FailingCids failing, IOptions<IpfsOptions> options, TimeProvider clock,
    FacadeMetrics metrics, ILogger<IpfsOrigin> log) : IFillOrigin
{
    private const int FirstReadBytes = 16 * 1024;
    private readonly TimeSpan _firstByte = options.Value.FirstByteTimeout;

    public string Name => "ipfs";

    public async Task<FetchedBody?> OpenAsync(UpstreamTarget target, Digest digest, long offset, CancellationToken ct)
    {
        var entry = await cids.GetAsync(digest, ct).ConfigureAwait(false);
        metrics.CidLookup(entry is not null);
        if (entry is null || failing.IsFailing(digest, entry.Cid)) return null;
        using var span = FacadeTelemetry.Start("ipfs open", digest.Value)?.SetTag("ipfs.cid", entry.Cid.ToString());
        using var deadline = new CancellationTokenSource(_firstByte, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        // Both asked at once: the node answers each after its own round trip, and the length is
        // only needed once the body is open.
        var statting = kubo.StatAsync(entry.Cid, linked.Token);
        var opening = kubo.CatAsync(entry.Cid, offset, null, linked.Token);
        try
        {
            // Whichever fails first ends the open: a node that refuses the stat at once may still
            // be searching for the cat's blocks.
            var answered = await Task.WhenAny(opening, statting).ConfigureAwait(false);
            if (!answered.IsCompletedSuccessfully) await answered.ConfigureAwait(false);
            var body = await opening.ConfigureAwait(false);
            var stat = await statting.ConfigureAwait(false);
            var first = new byte[(int)Math.Clamp(stat.Size - offset, 0, FirstReadBytes)];
            var read = first.Length == 0 ? 0 : await body.ReadAsync(first, linked.Token).ConfigureAwait(false);
            if (read == 0 && first.Length > 0) throw new IpfsException(IpfsErrorKind.Node, "cat", "the node sent no bytes");
            return new FetchedBody(new PrefixedStream(first.AsMemory(0, read), body), stat.Size, this, entry.Cid);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await ReleaseAsync(linked, opening, statting).ConfigureAwait(false);
            Fail(digest, entry.Cid, $"no first byte within {_firstByte.TotalSeconds:0.#} s");
            return null;
        }
        catch (IpfsException e)
        {
            span.Fail(e);
            await ReleaseAsync(linked, opening, statting).ConfigureAwait(false);
            Fail(digest, entry.Cid, e.Message);
            return null;
        }
        catch
        {
            await ReleaseAsync(linked, opening, statting).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// After a failed open: stops the other request (its outcome no longer matters; a stat that
    /// failed at once must not wait for a cat the node is still searching for), waits for both so
    /// that nothing is left running, and closes the body if the cat opened one.
    /// </summary>
    private static async Task ReleaseAsync(CancellationTokenSource requests, Task<Stream> opening, Task<IpfsFileStat> statting)
    {
        await requests.CancelAsync().ConfigureAwait(false);
        try { await statting.ConfigureAwait(false); } catch (Exception) { /* the open already failed */ }
        try { await (await opening.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false); } catch (Exception) { /* the open already failed */ }
    }

    /// <summary>HEAD is answered by the upstream, as before IPFS: an unverified CID does not vouch for a length.</summary>
    public Task<long?> LengthAsync(UpstreamTarget target, Digest digest, CancellationToken ct) => Task.FromResult<long?>(null);

    public void Received(int bytes) { }

    public void Broke(Digest digest, FetchedBody body, string reason)
    {
        if (body.Cid is { } cid) Fail(digest, cid, reason);
    }

    public Task VerifiedAsync(Digest digest, FetchedBody body) =>
        body.Cid is { } cid ? cids.SetVerifiedAsync(digest, cid, CancellationToken.None) : Task.CompletedTask;

    public async Task RejectedAsync(Digest digest, FetchedBody body)
    {
        metrics.IpfsRejected();
        LogWrongCid(digest.Value);
        if (body.Cid is { } cid) failing.Remember(digest, cid);
        await cids.RemoveAsync(digest, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Counts, logs and remembers a failure of the node that sends the request elsewhere.</summary>
    public void Fail(Digest digest, Cid cid, string reason)
    {
        failing.Remember(digest, cid);
        metrics.IpfsFallback();
        LogIpfsFallback(digest.Value, reason);
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "IPFS failed for {Digest}, fetching from the upstream instead: {Reason}")]
    private partial void LogIpfsFallback(string digest, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "content from IPFS for {Digest} did not match the digest; its CID is forgotten")]
    private partial void LogWrongCid(string digest);
}
