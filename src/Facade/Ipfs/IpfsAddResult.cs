using Facade.Shared.Ipfs;

namespace Facade.Ipfs;

/// <summary>What the node recorded for an added file: its CID and the bytes of its whole DAG.</summary>
internal sealed record IpfsAddResult(Cid Cid, long DagSize);
