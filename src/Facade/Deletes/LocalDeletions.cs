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
/// images built on what was deleted. Returns the digests of facade-made documents (rewritten and
/// composed manifests, composed configs) it dropped, whose shared copies must go as well.
/// </summary>
internal sealed class LocalDeletions(
    ContentStore store, ManifestService manifests, UpstreamCatalog catalog, IpfsManifestRewriter rewriter, CompositionService composition)
{
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
                break;
        }
        // Tags of the repository are resolved again: a deleted manifest takes its tags with it.
        if (deletion.Kind != DeletionKind.Blob)
        {
            foreach (var upstream in catalog.All)
                if (upstream.Authority == deletion.Authority)
                    manifests.InvalidateRepository(new UpstreamTarget(upstream, deletion.Repository));
        }
        dropped.AddRange(composition.ForgetBuiltOn(deletion.Digest));
        foreach (var digest in dropped) store.RemoveManifest(digest);
        return dropped;
    }
}
