using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>One layer appended to a base image: its descriptor, its diff id and its history entry.</summary>
/// <param name="Layer">The descriptor appended to the manifest's <c>layers</c>.</param>
/// <param name="DiffId">The digest of the uncompressed layer, appended to <c>rootfs.diff_ids</c>.</param>
/// <param name="History">The entry appended to the config's <c>history</c>.</param>
/// <param name="Origin">Where the layer's blob is served from; not part of the composed bytes.</param>
public sealed record Addendum(LayerDescriptor Layer, Digest DiffId, HistoryEntry History, LayerOrigin? Origin = null);
