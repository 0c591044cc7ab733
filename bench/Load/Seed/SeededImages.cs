using Facade.Shared.Oci;

namespace Facade.Load.Seed;

/// <summary>What the upstream holds after seeding: a large single-layer image and a small one.</summary>
internal sealed record SeededImages(
    string BigRepository, Digest BigBlob, long BigBlobSize,
    string SmallRepository, string SmallTag, Digest SmallManifest, string SmallManifestMediaType);
