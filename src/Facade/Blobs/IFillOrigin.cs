using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// A remote place the shared fill reads a blob from (the IPFS node, the upstream). The fill asks
/// its origins in order; one that does not have the blob answers null and the next is asked.
/// What happens after the fill verified or rejected the bytes is the origin's own business.
/// </summary>
internal interface IFillOrigin
{
    /// <summary>A metrics label and the name used in error messages. Never drives behaviour.</summary>
    string Name { get; }

    /// <summary>The blob's body from byte <paramref name="offset"/>, or null when this origin does not have it.</summary>
    Task<FetchedBody?> OpenAsync(UpstreamTarget target, Digest digest, long offset, CancellationToken ct);

    /// <summary>The blob's length without its bytes, or null when this origin cannot tell.</summary>
    Task<long?> LengthAsync(UpstreamTarget target, Digest digest, CancellationToken ct);

    /// <summary>Counts bytes received from this origin (called in the fill's loop: must be cheap).</summary>
    void Received(int bytes);

    /// <summary>Called when this origin's body broke mid-blob (the fill resumes elsewhere or again).</summary>
    void Broke(Digest digest, FetchedBody body, string reason);

    /// <summary>Called once the fill verified and committed every byte it read from this origin.</summary>
    Task VerifiedAsync(Digest digest, FetchedBody body);

    /// <summary>Called when bytes from this origin did not match the digest, before any reader learns of the failure.</summary>
    Task RejectedAsync(Digest digest, FetchedBody body);
}
