using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Facade.Storage;

/// <summary>
/// One cache directory, one process: an exclusive <c>flock</c> on <c>&lt;root&gt;/lock</c>, held for
/// the life of the store. A second facade on the same directory would delete the first one's
/// temp files (in-flight fills) at start, so it is refused instead. The kernel drops the lock
/// when the holder exits, even by <c>kill -9</c>, so a crash never leaves a stale lock.
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private readonly SafeFileHandle _handle;

    private CacheLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Takes the lock or throws <see cref="CacheInUseException"/> naming the holder.</summary>
    public static CacheLock Acquire(string lockFile, string root)
    {
        var handle = Durable.OpenUnlocked(lockFile);
        try
        {
            if (!Durable.TryLockExclusive(handle))
                throw new CacheInUseException($"the cache directory {root} is in use by another facade process ({Holder(handle)}); " +
                    "each process needs its own Facade:Cache:Directory");
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            RandomAccess.SetLength(handle, 0);
            RandomAccess.Write(handle, pid, 0);
            return new CacheLock(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static string Holder(SafeFileHandle handle)
    {
        var buffer = new byte[32];
        var read = RandomAccess.Read(handle, buffer, 0);
        var text = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        return text.Length > 0 ? "pid " + text : "pid unknown";
    }

    public void Dispose() => _handle.Dispose();
}
