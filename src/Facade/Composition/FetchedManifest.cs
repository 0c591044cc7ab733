namespace Facade.Composition;

/// <summary>A manifest or index as fetched: its exact bytes and the media type it was served with.</summary>
/// <param name="Bytes">The raw bytes (the digest is over exactly these).</param>
/// <param name="MediaType">The media type (Content-Type or the document's own).</param>
public sealed record FetchedManifest(ReadOnlyMemory<byte> Bytes, string MediaType);
