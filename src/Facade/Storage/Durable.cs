using System.Runtime.InteropServices;

namespace Facade.Storage;

/// <summary>
/// The durable commit: a file's bytes are on disk before its rename, and the rename is on disk
/// before the entry is served. Without the directory sync a crash can leave the new name
/// pointing at a file whose data never reached the disk. Also the exclusive lock of a file.
/// </summary>
internal static partial class Durable
{
    private const int ReadOnly = 0;
    private const int ReadWrite = 2;
    private const int Create = 0x40;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux
    private const int CloseOnExec = 0x80000;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;

    /// <summary>Flushes a file's data and metadata to disk.</summary>
    public static void SyncFile(string path) => Sync(path, 0);

    /// <summary>Flushes a directory (its entries: creations, renames, unlinks) to disk.</summary>
    public static void SyncDirectory(string path) => Sync(path, Directory);

    /// <summary>Moves a finished temp file to its final name, durably: fsync file, rename, fsync directory.</summary>
    public static void Commit(string tempPath, string finalPath)
    {
        SyncFile(tempPath);
        File.Move(tempPath, finalPath, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(finalPath)!);
    }

    /// <summary>
    /// Flushes the data of an open file to disk (<c>fdatasync</c>); throws <see cref="IOException"/>
    /// when the disk failed it. The error is reported to this call alone: whoever calls this owns
    /// it, since a later fsync through another descriptor may no longer see it.
    /// </summary>
    public static void FlushData(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (WithDescriptor(handle, Fdatasync) != 0)
            throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Deletes a file that is no longer wanted (a failed temp file, a torn entry); a failure leaves litter, not an error.</summary>
    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Opens (creating) a file for reading and writing with the plain system call: .NET's own
    /// open would take a shared advisory lock itself, which a second process would trip over
    /// before it could ask for the exclusive one and say who holds it.
    /// </summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle OpenUnlocked(string path)
    {
        var fd = Open(path, ReadWrite | Create | CloseOnExec, 420 /* 0644 */);
        if (fd < 0) throw new IOException($"cannot open {path} (errno {Marshal.GetLastPInvokeError()})");
        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Takes <c>flock(LOCK_EX | LOCK_NB)</c> on an open file; false when another process holds it.</summary>
    public static bool TryLockExclusive(Microsoft.Win32.SafeHandles.SafeFileHandle handle) =>
        WithDescriptor(handle, fd => Flock(fd, LockExclusive | LockNonBlocking)) == 0;

    // Runs a system call on the handle's descriptor, keeping the handle from being closed meanwhile.
    private static int WithDescriptor(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Func<int, int> call)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return call((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private static void Sync(string path, int flags)
    {
        var fd = Open(path, ReadOnly | CloseOnExec | flags, 0);
        if (fd < 0) throw new IOException($"cannot open {path} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int Fdatasync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}
