namespace Facade.Blobs;

/// <summary>Writing a fill's temp file failed (a full volume, an I/O error): the cache, not the blob, is at fault.</summary>
internal sealed class CacheWriteException(IOException inner) : IOException(inner.Message, inner);
