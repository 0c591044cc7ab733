using Facade.Blobs;
using Facade.Redis;
using Facade.Shared.Oci;

namespace Facade.Deletes;

/// <summary>
/// Makes a deletion the upstream accepted true on every replica before the client hears of it:
/// this replica's layers (<see cref="LocalDeletions"/>), the state replicas share in Redis
/// (tag resolutions, shared documents, the repository's record of holding a blob, and the blob's
/// CID when no other repository is known to hold it), and every other replica, told over
/// <see cref="ReplicaChannel"/> and waited for (bounded) until each has acknowledged.
/// </summary>
internal sealed partial class DeletePropagation(
    LocalDeletions local, ISharedState shared, ICidCache cids, ReplicaChannel channel, ILogger<DeletePropagation> log)
{
    /// <summary>The channel deletions travel on.</summary>
    public const string ChannelName = "facade:deletions";

    // Long enough for a busy replica, short enough that a vanished one does not stall deletes.
    private static readonly TimeSpan AckLimit = TimeSpan.FromSeconds(3);

    private volatile bool _listening;

    /// <summary>Whether this replica receives deletions from the others (its own publications count then too).</summary>
    public bool Listening { set => _listening = value; }

    public async Task PropagateAsync(Deletion deletion, CancellationToken cancellationToken)
    {
        var dropped = local.Apply(deletion);
        await ForgetSharedAsync(deletion, dropped, cancellationToken).ConfigureAwait(false);
        if (!channel.Enabled) return;
        var id = Guid.NewGuid().ToString("N");
        var received = await channel.PublishAsync(ChannelName, deletion.Format(channel.ReplicaId, id, dropped), cancellationToken).ConfigureAwait(false);
        var others = received - (_listening ? 1 : 0);
        if (others > 0 && !await channel.WaitForAcksAsync(id, others, AckLimit, cancellationToken).ConfigureAwait(false))
            LogUnacknowledged(deletion.Kind.ToString(), deletion.SharedRepository, deletion.Reference, others);
    }

    /// <summary>A deletion another replica published: applied here, its shared leftovers removed, then acknowledged.</summary>
    public async Task ReceiveAsync(string message)
    {
        if (!Deletion.TryParse(message, out var deletion, out var sender, out var id, out var droppedBySender) || sender == channel.ReplicaId) return;
        try
        {
            var dropped = local.Apply(deletion);
            local.Drop(droppedBySender);
            await Task.WhenAll(dropped.Select(d => shared.RemoveDocumentAsync(d, CancellationToken.None))).ConfigureAwait(false);
        }
        finally
        {
            await channel.AckAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private Task ForgetSharedAsync(Deletion deletion, IReadOnlyList<Digest> dropped, CancellationToken ct)
    {
        var work = dropped.Select(d => shared.RemoveDocumentAsync(d, ct)).ToList();
        switch (deletion.Kind)
        {
            case DeletionKind.Manifest when deletion.Digest is { } manifest:
                work.Add(shared.ForgetRepositoryAsync(deletion.SharedRepository, ct));
                work.Add(shared.RemoveDocumentAsync(manifest, ct));
                break;
            case DeletionKind.Tag:
                work.Add(shared.ForgetResolvedAsync($"{deletion.SharedRepository}:{deletion.Reference}", ct));
                break;
            case DeletionKind.Blob when deletion.Digest is { } blob:
                work.Add(ForgetBlobAsync(deletion, blob, ct));
                break;
        }
        return Task.WhenAll(work);
    }

    private async Task ForgetBlobAsync(Deletion deletion, Digest blob, CancellationToken ct)
    {
        var elsewhere = false;
        foreach (var target in local.Targets(deletion))
            elsewhere |= await shared.ForgetBlobHeldAsync(RepositoryHoldings.RepositoryKey(target), blob, ct).ConfigureAwait(false);
        // A CID belongs to the bytes, not to a repository: while another repository holds the blob
        // its CID keeps serving there (the repository scope still refuses it here). Once none does,
        // the CID and its verification go, so no replica serves the deleted blob from IPFS.
        if (!elsewhere) await cids.RemoveAsync(blob, ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
        Message = "{Kind} deletion {Repository}@{Reference}: not every replica acknowledged within the limit ({Expected} expected)")]
    private partial void LogUnacknowledged(string kind, string repository, string reference, long expected);
}
