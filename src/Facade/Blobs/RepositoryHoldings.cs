using System.Net;
using Facade.Caching;
using Facade.Redis;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// Which upstream repositories are known to hold which blobs: those a manifest of the repository
/// (held by the facade) lists, and those the upstream confirmed by one HEAD, remembered. Kept in
/// memory and shared through Redis, so a replica serves from its cache during an upstream outage
/// what any replica learnt before it.
/// </summary>
internal sealed class RepositoryHoldings(ISharedState shared, UpstreamSender sender)
{
    private const long MaxBytes = 16 * 1024 * 1024;
    private readonly ByteBoundedLru<string, bool> _known = new(MaxBytes, (key, _) => 64 + 2L * key.Length, StringComparer.Ordinal);
    private readonly ByteBoundedLru<string, bool> _manifests = new(MaxBytes / 4, (key, _) => 64 + 2L * key.Length, StringComparer.Ordinal);

    /// <summary>
    /// True when the repository holds the blob; false when the upstream says it does not. Any other
    /// upstream failure, with nothing known, throws <see cref="UpstreamException"/>.
    /// </summary>
    public async Task<bool> HoldsAsync(UpstreamTarget target, Digest digest, CancellationToken ct)
    {
        var repository = RepositoryKey(target);
        if (_known.TryGet(repository + "@" + digest.Value, out _)) return true;
        if (await shared.IsBlobHeldAsync(repository, digest, ct).ConfigureAwait(false))
        {
            _known.Set(repository + "@" + digest.Value, true);
            return true;
        }
        using var response = await sender.SendAsync(target.Upstream, HttpMethod.Head,
            target.Upstream.V2($"{target.Repository}/blobs/{digest}"), null, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode)
            throw new UpstreamException(UpstreamFailure.FromStatus(target.Upstream, response.StatusCode, OciErrorCode.BlobUnknown));
        await RecordAsync(repository, [digest]).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records the blobs an image manifest of the repository lists (once per manifest).</summary>
    public async Task RecordManifestAsync(UpstreamTarget target, RawManifest manifest)
    {
        var repository = RepositoryKey(target);
        var key = repository + "@" + manifest.Digest.Value;
        if (_manifests.TryGet(key, out _)) return;
        _manifests.Set(key, true);
        List<Digest> blobs;
        try
        {
            var document = ManifestDocument.Parse(manifest.Bytes.Span);
            blobs = [.. (document.Layers ?? []).Append(document.Config).OfType<Descriptor>()
                .Select(d => Digest.TryParse(d.Digest, out var digest) ? digest : default).Where(d => !d.IsEmpty)];
        }
        catch (ManifestFormatException)
        {
            return; // not an image manifest (an index lists manifests, not blobs)
        }
        if (blobs.Count > 0) await RecordAsync(repository, blobs).ConfigureAwait(false);
    }

    private async Task RecordAsync(string repository, IReadOnlyCollection<Digest> digests)
    {
        foreach (var digest in digests) _known.Set(repository + "@" + digest.Value, true);
        await shared.AddBlobsHeldAsync(repository, digests, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Forgets, in this replica's memory, that the repository holds the blob (deleted upstream);
    /// the shared record is the deleting replica's to remove, once.
    /// </summary>
    public void Forget(UpstreamTarget target, Digest digest) => _known.Remove(RepositoryKey(target) + "@" + digest.Value);

    /// <summary>How the repository is named in the holdings shared through Redis.</summary>
    public static string RepositoryKey(UpstreamTarget target) => target.Upstream.Name + "/" + target.Repository;
}
