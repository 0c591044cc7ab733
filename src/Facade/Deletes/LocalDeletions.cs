using Facade.Blobs;
using Facade.Composition.Serving;
using Facade.Ipfs;
using Facade.Manifests;
using Facade.Shared.Oci;
using Facade.Storage;
using Facade.Upstreams;

namespace Facade.Deletes;

/// <summary>
/// Applies a deletion to this replica's own layers: the disk cache (and its in-memory manifests),
/// tag resolutions of the repository, IPFS-rewritten copies of a deleted manifest, and composed
/// images built on what was deleted, and what this replica knows the repository holds. Returns the digests of facade-made documents (rewritten and
/// composed manifests, composed configs) it dropped, whose shared copies must go as well.
/// </summary>
internal sealed class LocalDeletions(
    ContentStore store, ManifestService manifests, UpstreamCatalog catalog, IpfsManifestRewriter rewriter, CompositionService composition,
    RepositoryHoldings holdings)
{
    /// <summary>
    /// The repository under every upstream name configured for the deletion's registry: replicas
    /// agree on the registry's address, not on what each calls it.
    /// </summary>
    public IReadOnlyList<UpstreamTarget> Targets(Deletion deletion) =>
        [.. catalog.All.Where(u => u.Authority == deletion.Authority).Select(u => new UpstreamTarget(u, deletion.Repository))];

    public IReadOnlyList<Digest> Apply(Deletion deletion)
    {
        var dropped = new List<Digest>();
        switch (deletion.Kind)
        {
            case DeletionKind.Manifest when deletion.Digest is { } manifest:
                store.RemoveManifest(manifest);
                dropped.AddRange(rewriter.ForgetRewritesOf(manifest));
                break;
            case DeletionKind.Blob when deletion.Digest is { } blob:
                store.RemoveBlob(blob);
                foreach (var target in Targets(deletion)) holdings.Forget(target, blob);
                break;
        }
        // Tags of the repository are resolved again: a deleted manifest takes its tags with it.
        if (deletion.Kind != DeletionKind.Blob)
        {
            foreach (var target in Targets(deletion)) manifests.InvalidateRepository(target);
        }
        dropped.AddRange(composition.ForgetBuiltOn(deletion.Digest));
        Drop(dropped);
        return dropped;
    }

    /// <summary>Removes facade-made documents by digest (those another replica dropped for the same deletion).</summary>
    public void Drop(IEnumerable<Digest> documents)
    {
        foreach (var digest in documents) store.RemoveManifest(digest);
    }
}
