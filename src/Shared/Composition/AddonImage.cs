namespace Facade.Shared.Composition;

/// <summary>A resolved image whose layers are appended to the base (IDE, supervisor, IDE layer, static image).</summary>
/// <param name="Ref">The reference it was resolved from; used in history comments and error messages.</param>
/// <param name="Manifest">The exact bytes of its image manifest (not an index: pick a platform first).</param>
/// <param name="Config">The exact bytes of its config.</param>
public sealed record AddonImage(string Ref, ReadOnlyMemory<byte> Manifest, ReadOnlyMemory<byte> Config);
