namespace Facade.Ipfs;

/// <summary>Configuration section <c>Facade:Ipfs</c>.</summary>
internal sealed class IpfsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Facade:Ipfs";

    /// <summary>
    /// The node's RPC API: an http(s) URL or a multiaddr such as <c>/ip4/127.0.0.1/tcp/5001</c>
    /// or <c>/dns4/ipfs/tcp/5001</c>. <c>$IPFS_HOST</c> is replaced from the environment.
    /// </summary>
    public string? Api { get; set; }

    /// <summary>Serve blobs with a known CID from the node (verified, upstream on any failure).</summary>
    public bool Serve { get; set; }

    /// <summary>Add blobs served from an upstream to the node and record their CIDs.</summary>
    public bool Publish { get; set; }

    /// <summary>How manifests served to clients are rewritten.</summary>
    public ManifestUrlRewrite RewriteManifests { get; set; } = ManifestUrlRewrite.None;

    /// <summary>Base URL of an IPFS HTTP gateway, required for <see cref="ManifestUrlRewrite.GatewayUrls"/>.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>How long the node may look for content (its <c>timeout=</c>) and the wait for a response.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for any single read or write while streaming content to or from the node.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long serving waits for the node's first byte of a blob before asking the upstream instead.</summary>
    public TimeSpan FirstByteTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a CID that failed (no first byte in time, an error, wrong content) is not asked again.</summary>
    public TimeSpan FailedCidTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when any IPFS feature is switched on (the node is needed then).</summary>
    public bool Enabled => Serve || Publish || RewriteManifests != ManifestUrlRewrite.None;
}
