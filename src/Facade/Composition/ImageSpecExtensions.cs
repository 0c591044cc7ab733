using Facade.Protos.RegistryFacade;
using Facade.Shared.Composition;
using Facade.Shared.Oci;
using Google.Protobuf;

namespace Facade.Composition;

/// <summary>Bridges the protobuf <see cref="ImageSpec"/> to the plain composition types of Facade.Shared.</summary>
public static class ImageSpecExtensions
{
    /// <summary>The spec's content layers as composition inputs, in spec order.</summary>
    public static IReadOnlyList<ContentSource> ContentSources(this ImageSpec spec)
    {
        var result = new List<ContentSource>(spec.ContentLayer.Count);
        foreach (var layer in spec.ContentLayer)
        {
            result.Add(layer.SpecCase switch
            {
                ContentLayer.SpecOneofCase.Direct => new DirectContent(layer.Direct.Content.Memory),
                ContentLayer.SpecOneofCase.Remote => new RemoteContent(layer.Remote.Url, layer.Remote.Digest,
                    layer.Remote.DiffId, layer.Remote.MediaType, layer.Remote.Size),
                _ => throw new CompositionException("a content layer is neither direct nor remote"),
            });
        }
        return result;
    }

    /// <summary>
    /// A digest of the spec, for keying composed images by (base digest, spec). Protobuf's binary
    /// form is deterministic for this message (no maps), so equal specs hash equally.
    /// </summary>
    public static Digest Hash(this ImageSpec spec) => Digest.Sha256Of(spec.ToByteArray());
}
