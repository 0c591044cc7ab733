using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>
/// The descriptor of one layer appended to a composed manifest, written as
/// <c>{"mediaType","digest","size","urls","annotations"}</c> (empty lists are omitted).
/// </summary>
/// <param name="MediaType">The layer's media type, copied verbatim.</param>
/// <param name="Digest">The digest of the (possibly compressed) layer blob.</param>
/// <param name="Size">The size of the layer blob in bytes.</param>
/// <param name="Urls">Locations a client may fetch the blob from instead of the registry.</param>
/// <param name="Annotations">Descriptor annotations, in the order they are written.</param>
public sealed record LayerDescriptor(
    string MediaType,
    Digest Digest,
    long Size,
    IReadOnlyList<string>? Urls = null,
    IReadOnlyList<KeyValuePair<string, string>>? Annotations = null);
