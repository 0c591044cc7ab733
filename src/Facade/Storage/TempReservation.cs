namespace Facade.Storage;

/// <summary>
/// Room promised to one temp file. Disposing gives it back; committing the file ends it too
/// (its bytes then count as an entry), so disposing after a commit is harmless.
/// </summary>
internal sealed class TempReservation(TempArea temp, string path, long bytes) : IDisposable
{
    public long Bytes { get; } = bytes;

    public void Dispose() => temp.Release(path);
}
