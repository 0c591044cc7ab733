namespace Facade.Redis;

/// <summary>A manifest or config kept for other replicas: its media type and exact bytes.</summary>
internal sealed record StoredDocument(string MediaType, ReadOnlyMemory<byte> Content);
