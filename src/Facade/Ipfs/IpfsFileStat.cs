using Facade.Shared.Ipfs;

namespace Facade.Ipfs;

/// <summary>The node's <c>files/stat</c> of a CID: file bytes, DAG bytes, block count and type.</summary>
internal sealed record IpfsFileStat(Cid Cid, long Size, long CumulativeSize, int Blocks, string Type);
