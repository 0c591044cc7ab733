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
internal sealed class IpfsManifestRewriter(IOptions<IpfsOptions> options, ICidCache cids, ContentStore store, LayerMediaTypes mediaTypes)
{
    private readonly ManifestUrlRewrite _mode = options.Value.RewriteManifests;
    private readonly string? _gateway = options.Value.GatewayUrl?.TrimEnd('/');
    private readonly bool _publish = options.Value.Publish;
    private const int RewriteMemory = 16_384;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Digest, Digest> _rewrites = new();

    /// <summary>The manifest to serve for a request by tag (rewritten when configured and a layer has a CID).</summary>
    public async Task<RawManifest> PrepareAsync(RawManifest manifest, bool rewrite, CancellationToken ct)
    {
        // Without publishing or rewriting there is nothing to learn from the manifest: keep the
        // hot manifest path free of parsing.
        if ((!_publish && _mode == ManifestUrlRewrite.None) || !MediaTypes.IsImageManifest(manifest.MediaType)) return manifest;
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
        var rewritten = RawManifest.Create(Encoding.UTF8.GetBytes(root.ToJsonString()), manifest.MediaType);
        store.PutManifest(rewritten);
        Remember(manifest.Digest, rewritten.Digest);
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
