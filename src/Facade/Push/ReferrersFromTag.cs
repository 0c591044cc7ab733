using Facade.Manifests;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Push;

/// <summary>
/// Referrers of a manifest on an upstream without a referrers API: the index kept under the
/// subject's referrers tag, read through the mirror (so pushes through the facade, which forget
/// the repository's tags, are seen at once), or an empty index when there is no such tag.
/// </summary>
internal sealed class ReferrersFromTag(ManifestService manifests)
{
    public async Task<byte[]> ReadAsync(UpstreamTarget target, Digest subject, CancellationToken ct)
    {
        try
        {
            var index = await manifests.GetAsync(target, ReferrersTag.For(subject), ct).ConfigureAwait(false);
            return index.Bytes.ToArray();
        }
        catch (UpstreamException e) when (e.Error.Code is OciErrorCode.ManifestUnknown or OciErrorCode.NameUnknown)
        {
            return ReferrersIndex.Empty();
        }
    }
}
