namespace Facade.Load.Host;

/// <summary>
/// Writes and deletes a scratch file so the kernel's free lists hold recently used pages before a
/// measured pull. On this kind of virtual machine the host takes back guest pages that stay
/// free, and the first write into a page the guest gets back costs about ten times a write into
/// a recycled one (measured with dd: 256 MiB into fresh page cache 0.8 s of system time, into
/// pages just freed 0.08 s). Whichever server writes its store first would pay that alone;
/// recycling before every measurement gives each server the same, recycled pages.
/// </summary>
internal static class PageRecycler
{
    private const int ChunkBytes = 1024 * 1024;

    /// <summary>Writes <paramref name="bytes"/> of zeros to a file in <paramref name="directory"/>, then deletes it.</summary>
    public static void Recycle(string directory, long bytes)
    {
        var path = Path.Combine(directory, $"recycle-{Guid.NewGuid():N}");
        var zeros = new byte[ChunkBytes];
        try
        {
            using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
            for (long at = 0; at < bytes; at += ChunkBytes)
                RandomAccess.Write(file, zeros.AsSpan(0, (int)Math.Min(ChunkBytes, bytes - at)), at);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
