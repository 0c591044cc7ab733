namespace Facade.Shared.Ipfs;

/// <summary>
/// The import parameters the facade always uses and always passes to the node explicitly:
/// CIDv1, raw leaves, fixed 256 KiB chunks, balanced layout with at most 174 links per node.
/// </summary>
public static class UnixFsLayout
{
    /// <summary>Bytes per leaf (<c>chunker=size-262144</c>).</summary>
    public const int ChunkSize = 262144;

    /// <summary>Links per intermediate node in the balanced layout.</summary>
    public const int MaxLinksPerNode = 174;

    /// <summary>The query string for the node's add call that yields the CIDs computed here.</summary>
    public const string AddQuery = "cid-version=1&raw-leaves=true&pin=true&chunker=size-262144&cid-base=base32";
}
