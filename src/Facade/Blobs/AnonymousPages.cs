using System.Runtime.InteropServices;

namespace Facade.Blobs;

/// <summary>
/// Private anonymous memory straight from the kernel (<c>mmap</c>/<c>munmap</c>). Unlike the GC
/// heap or malloc, an unmapped region leaves the process's resident set at once.
/// </summary>
internal static partial class AnonymousPages
{
    private const int ProtRead = 0x1;
    private const int ProtWrite = 0x2;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;
    private static readonly nint MapFailed = -1;

    /// <summary>Maps <paramref name="length"/> zeroed bytes; throws <see cref="OutOfMemoryException"/> when the kernel refuses.</summary>
    public static nint Map(nuint length)
    {
        var address = Mmap(0, length, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (address == MapFailed) throw new OutOfMemoryException($"mmap of {length} bytes failed (errno {Marshal.GetLastPInvokeError()})");
        return address;
    }

    /// <summary>Gives a region from <see cref="Map"/> back; nothing may use it afterwards.</summary>
    public static void Unmap(nint address, nuint length)
    {
        // Fails only for an address that was never mapped: a bug worth stopping on in tests.
        if (Munmap(address, length) != 0) throw new InvalidOperationException($"munmap failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);
}
