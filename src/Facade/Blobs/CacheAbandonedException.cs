namespace Facade.Blobs;

/// <summary>
/// Told to a fill's readers when the cache volume failed under it: the first
/// <see cref="Written"/> bytes are in the (now unlinked) file they hold open; the rest must come
/// from an origin, past the cache.
/// </summary>
internal sealed class CacheAbandonedException(long written) : Exception($"the cache gave up after {written} bytes")
{
    public long Written { get; } = written;
}
