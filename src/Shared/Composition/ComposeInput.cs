namespace Facade.Shared.Composition;

/// <summary>Everything the composer needs; the composed image is a pure function of this value.</summary>
/// <param name="BaseManifest">The exact bytes of the base image manifest (Docker schema2 or OCI).</param>
/// <param name="BaseConfig">The exact bytes of the base image config.</param>
/// <param name="BaseRef">The base reference, recorded in the <c>io.gitpod.workspace-image.ref</c> annotation.</param>
/// <param name="Addenda">The layers to append, in order.</param>
/// <param name="EnvModifiers">The <c>config.Env</c> edits, applied in order.</param>
/// <param name="Annotations">Extra top-level manifest annotations, written in order before the two size/ref ones.</param>
public sealed record ComposeInput(
    ReadOnlyMemory<byte> BaseManifest,
    ReadOnlyMemory<byte> BaseConfig,
    string BaseRef,
    IReadOnlyList<Addendum> Addenda,
    IReadOnlyList<EnvModifier> EnvModifiers,
    IReadOnlyList<KeyValuePair<string, string>>? Annotations = null);
