using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// A request for a blob as the source chain sees it: the digest, the upstream repository that
/// holds it (null for bytes the facade holds itself, such as a composed config), and how much is read.
/// </summary>
internal sealed record BlobRequest(Digest Digest, UpstreamTarget? Target, BlobRead Read);
