namespace Facade.Shared.Composition;

/// <summary>
/// A content layer whose bytes are in the spec: an uncompressed tar with media type
/// <c>application/vnd.oci.image.layer.v1.tar</c> and digest = diff id = sha256(content).
/// </summary>
/// <param name="Content">The tar bytes.</param>
public sealed record DirectContent(ReadOnlyMemory<byte> Content) : ContentSource;
