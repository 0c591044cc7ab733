using Facade.Storage;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// Flushes a fill's file to disk in the background while it grows, one flush at a time, each
/// taking what was written since the last. The commit's fsync, which the last byte of every
/// response waits for, then has only the tail to write: on a virtual disk a flush costs in
/// proportion to the data written since the previous one (about 170 ms for 256 MiB here), all of
/// it on that last byte's path without this. Durability still rests on the commit's fsync; a
/// failed flush here fails the fill, since the commit's fsync may no longer see that error.
/// </summary>
internal sealed class BackgroundFlush(SafeFileHandle file)
{
    private const long Step = 16L * 1024 * 1024;
    private long _started;
    private Task _running = Task.CompletedTask;

    /// <summary>The file now holds <paramref name="written"/> bytes: starts a flush when a step's worth is new and none runs.</summary>
    public void Written(long written)
    {
        if (written - _started < Step || !_running.IsCompleted) return;
        ThrowIfFailed();
        _started = written;
        _running = Task.Run(() => Durable.FlushData(file));
    }

    /// <summary>Waits for the flush in flight, if any; throws <see cref="CacheWriteException"/> when one failed.</summary>
    public async Task FinishAsync()
    {
        try { await _running.ConfigureAwait(false); }
        catch (IOException e) { throw new CacheWriteException(e); }
    }

    /// <summary>Waits for the flush in flight without reporting it: the fill failed already.</summary>
    public async Task AbandonAsync()
    {
        try { await _running.ConfigureAwait(false); }
        catch (IOException) { }
    }

    private void ThrowIfFailed()
    {
        if (_running.Exception?.InnerException is IOException e) throw new CacheWriteException(e);
    }
}
