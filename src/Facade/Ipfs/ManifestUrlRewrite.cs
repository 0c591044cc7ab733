namespace Facade.Ipfs;

/// <summary>What the facade writes into layer descriptors' <c>urls</c> of manifests it serves.</summary>
internal enum ManifestUrlRewrite
{
    /// <summary>Manifests are served as they are.</summary>
    None,

    /// <summary>Layers with a known CID get <c>ipfs://&lt;cid&gt;</c>.</summary>
    IpfsUrls,

    /// <summary>Layers with a known CID get <c>&lt;GatewayUrl&gt;/ipfs/&lt;cid&gt;</c>.</summary>
    GatewayUrls,
}
