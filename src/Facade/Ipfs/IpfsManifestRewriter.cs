using System.Text;
using System.Text.Json.Nodes;
using Facade.Redis;
using Facade.Shared.Oci;
using Facade.Storage;
using Microsoft.Extensions.Options;

namespace Facade.Ipfs;

/// <summary>
/// Prepares image manifests for clients: remembers their layer media types (for publishing) and,
/// when configured, writes <c>urls: ["ipfs://&lt;cid&gt;"]</c> (or a gateway URL) into layers
/// that have a CID. A rewritten manifest is a new manifest with its own digest: it is stored, so
/// a request by that digest finds exactly these bytes.
/// </summary>
internal sealed class IpfsManifestRewriter(
    IOptions<IpfsOptions> options, ICidCache cids, ContentStore store, LayerMediaTypes mediaTypes, ISharedState shared)
{
    private readonly ManifestUrlRewrite _mode = options.Value.RewriteManifests;
    private readonly string? _gateway = options.Value.GatewayUrl?.TrimEnd('/');
    private readonly bool _publish = options.Value.Publish;
    private const int RewriteMemory = 16_384;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Digest, Digest> _rewrites = new();

    /// <summary>
    /// The manifest to serve (rewritten when <paramref name="rewrite"/>, configured, and a layer has
    /// a CID). An index is rewritten through its image manifests, fetched with
    /// <paramref name="children"/>: each rewritten child gets its new digest in the index, so
    /// multi-platform images carry the URLs too.
    /// </summary>
    public async Task<RawManifest> PrepareAsync(
        RawManifest manifest, bool rewrite, CancellationToken ct, Func<Digest, CancellationToken, Task<RawManifest>>? children = null)
    {
        // Without publishing or rewriting there is nothing to learn from the manifest: keep the
        // hot manifest path free of parsing.
        if (!_publish && _mode == ManifestUrlRewrite.None) return manifest;
        if (MediaTypes.IsIndex(manifest.MediaType))
            return rewrite && _mode != ManifestUrlRewrite.None && children is not null
                ? await RewriteIndexAsync(manifest, children, ct).ConfigureAwait(false)
                : manifest;
        if (!MediaTypes.IsImageManifest(manifest.MediaType)) return manifest;
        var document = ManifestDocument.Parse(manifest.Bytes.Span);
        mediaTypes.Remember(document);
        if (!rewrite || _mode == ManifestUrlRewrite.None || document.Layers is not { Count: > 0 } layers) return manifest;

        var entries = await Task.WhenAll(layers.Select(l => Digest.TryParse(l.Digest, out var d)
            ? cids.GetAsync(d, ct) : Task.FromResult<CidCacheEntry?>(null))).ConfigureAwait(false);
        if (entries.All(e => e is null)) return manifest;

        var root = JsonNode.Parse(manifest.Bytes.Span)!.AsObject();
        var layerNodes = root["layers"]!.AsArray();
        for (var i = 0; i < layerNodes.Count && i < entries.Length; i++)
        {
            if (entries[i] is not { } entry || layerNodes[i] is not JsonObject layer) continue;
            var urls = new JsonArray(Url(entry.Cid.ToString()));
            if (layer["urls"] is JsonArray existing)
                foreach (var url in existing.Select(u => u?.GetValue<string>()).Where(u => u is not null && !u.StartsWith("ipfs://", StringComparison.Ordinal)))
                    urls.Add(url);
            layer["urls"] = urls;
        }
        return await KeepAsync(manifest, root, ct).ConfigureAwait(false);
    }

    private async Task<RawManifest> RewriteIndexAsync(
        RawManifest index, Func<Digest, CancellationToken, Task<RawManifest>> children, CancellationToken ct)
    {
        var root = JsonNode.Parse(index.Bytes.Span)!.AsObject();
        if (root["manifests"] is not JsonArray entries) return index;
        var changed = false;
        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (!MediaTypes.IsImageManifest(entry["mediaType"]?.GetValue<string>())
                || !Digest.TryParse(entry["digest"]?.GetValue<string>(), out var childDigest)) continue;
            var child = await children(childDigest, ct).ConfigureAwait(false);
            var prepared = await PrepareAsync(child, rewrite: true, ct).ConfigureAwait(false);
            if (prepared.Digest == child.Digest) continue;
            entry["digest"] = prepared.Digest.Value;
            entry["size"] = prepared.Bytes.Length;
            changed = true;
        }
        return changed ? await KeepAsync(index, root, ct).ConfigureAwait(false) : index;
    }

    // A rewritten manifest is served under its own digest, which no upstream knows: it is kept
    // locally and shared, so a client that resolved on one replica can fetch it from any other.
    private async Task<RawManifest> KeepAsync(RawManifest original, JsonObject root, CancellationToken ct)
    {
        var rewritten = RawManifest.Create(Encoding.UTF8.GetBytes(root.ToJsonString()), original.MediaType);
        store.PutManifest(rewritten);
        Remember(original.Digest, rewritten.Digest);
        await shared.SetDocumentAsync(rewritten.Digest, new StoredDocument(rewritten.MediaType, rewritten.Bytes), null, ct).ConfigureAwait(false);
        return rewritten;
    }

    /// <summary>
    /// Removes from the local store what was rewritten from a deleted manifest; returns those
    /// digests (a rewritten manifest must not outlive the one it was made from).
    /// </summary>
    public IReadOnlyList<Digest> ForgetRewritesOf(Digest original)
    {
        if (!_rewrites.TryRemove(original, out var rewritten)) return [];
        store.RemoveManifest(rewritten);
        return [rewritten];
    }

    private void Remember(Digest original, Digest rewritten)
    {
        if (original == rewritten) return;
        // Bounded like the other in-memory maps: starting over only means a deletion leaves a
        // rewritten copy on disk that nothing names any more.
        if (_rewrites.Count >= RewriteMemory) _rewrites.Clear();
        _rewrites[original] = rewritten;
    }

    private string Url(string cid) => _mode == ManifestUrlRewrite.GatewayUrls ? $"{_gateway}/ipfs/{cid}" : $"ipfs://{cid}";
}
