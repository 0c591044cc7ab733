namespace Facade.Shared.Ipfs;

/// <summary>
/// A child of a UnixFS file node: its CID, the bytes of the whole sub-DAG (dag-pb <c>Tsize</c>)
/// and the file bytes it covers (the parent's <c>blocksizes</c> entry).
/// </summary>
internal readonly record struct UnixFsLink(Cid Cid, ulong TotalSize, ulong FileSize);
