using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>The ordered layers and Env edits to apply to a base image.</summary>
/// <param name="Addenda">Layers to append, in order.</param>
/// <param name="EnvModifiers">Env edits gathered from the add-on images' configs, in order.</param>
public sealed record CompositionPlan(IReadOnlyList<Addendum> Addenda, IReadOnlyList<EnvModifier> EnvModifiers)
{
    /// <summary>The input for <see cref="ImageComposer.Compose"/> with this plan applied to a base.</summary>
    public ComposeInput ToComposeInput(ReadOnlyMemory<byte> baseManifest, ReadOnlyMemory<byte> baseConfig, string baseRef,
        IReadOnlyList<KeyValuePair<string, string>>? annotations = null) =>
        new(baseManifest, baseConfig, baseRef, Addenda, EnvModifiers, annotations);

    /// <summary>The appended layer with this blob digest (to answer a blob request), or null.</summary>
    public Addendum? FindLayer(Digest digest)
    {
        foreach (var addendum in Addenda)
        {
            if (addendum.Layer.Digest == digest) return addendum;
        }
        return null;
    }
}
