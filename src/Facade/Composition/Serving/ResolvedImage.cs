using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Composition.Serving;

/// <summary>An image reference resolved through the mirror to one platform's manifest and config.</summary>
internal sealed record ResolvedImage(string Ref, UpstreamTarget Target, RawManifest Manifest, byte[] Config);
