using Facade.Load.Measure;

namespace Facade.Load.Ipfs;

/// <summary>
/// What the IPFS run measured: the publish, each cold pull per facade, the node's own <c>cat</c> of
/// the CID beside each IPFS pull, and the native floor relay reading the same CID from the node
/// (forwarding only, then caching; empty with <c>FloorSkipped</c> saying why when it could not be built).
/// </summary>
internal sealed record IpfsResult(
    DateTimeOffset Started, double DurationSeconds, Report.MachineInfo Machine, string LoadAverageBefore, string LoadAverageAfter,
    long BlobBytes, string BlobDigest, double PublishSeconds, string PublishOutput,
    IReadOnlyList<PullResult> UpstreamPulls, int UpstreamBlobGets,
    IReadOnlyList<PullResult> IpfsPulls, IReadOnlyList<long?> IpfsBytesServed,
    IReadOnlyList<string> Cids, IReadOnlyList<PullResult> NodeCatPulls,
    IReadOnlyList<PullResult> FloorForwardPulls, IReadOnlyList<PullResult> FloorCachePulls, string? FloorSkipped);
