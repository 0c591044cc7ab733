using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace Daemon.Archive;

/// <summary>
/// Reads the metadata of a path itself (a symlink is not followed) and sets owners, through
/// statx and lchown: .NET reports neither owners nor the times and modes of a symlink itself.
/// </summary>
internal static unsafe class FileMetadata
{
    /// <summary>True when this process may change owners.</summary>
    public static bool CanChown { get; } = geteuid() == 0;

    /// <summary>Owner, permission bits, type and modification time of a path itself.</summary>
    public static UnixFileStatus Read(string path)
    {
        var bytes = NullTerminated(path);
        statx buffer;
        fixed (byte* p = bytes)
        {
            if (statx(AT_FDCWD, p, AT_SYMLINK_NOFOLLOW, STATX_UID | STATX_GID | STATX_TYPE | STATX_MODE | STATX_MTIME, &buffer) != 0)
                throw new IOException($"cannot stat '{path}': errno {Marshal.GetLastPInvokeError()}");
        }
        var modified = DateTimeOffset.FromUnixTimeSeconds(buffer.stx_mtime.tv_sec).AddTicks(buffer.stx_mtime.tv_nsec / 100);
        return new UnixFileStatus(
            (int)buffer.stx_uid,
            (int)buffer.stx_gid,
            (UnixFileMode)(buffer.stx_mode & 0xFFF),
            (buffer.stx_mode & S_IFMT) == S_IFREG,
            modified);
    }

    /// <summary>Sets the owner of a path itself; a no-op when not running as root.</summary>
    public static void SetOwner(string path, int uid, int gid)
    {
        if (!CanChown) return;
        var bytes = NullTerminated(path);
        fixed (byte* p = bytes)
        {
            if (lchown(p, (uint)uid, (uint)gid) != 0)
                throw new IOException($"cannot change the owner of '{path}': errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static byte[] NullTerminated(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }
}
