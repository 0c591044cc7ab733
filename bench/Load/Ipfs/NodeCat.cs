using Facade.Load.Measure;
using Facade.Shared.Oci;

namespace Facade.Load.Ipfs;

/// <summary>
/// The node's own speed for a CID: one <c>POST /api/v0/cat</c> read to the end through SHA-256,
/// the yardstick for the facade serving the same CID.
/// </summary>
internal static class NodeCat
{
    public static Task<PullResult> RunAsync(string api, string cid, Digest expected, TimeSpan limit, CancellationToken ct) =>
        HashingPull.RunAsync(new HttpRequestMessage(HttpMethod.Post, $"{api}/api/v0/cat?arg={Uri.EscapeDataString(cid)}"), expected, limit, ct);
}
