using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Facade.TestSupport;

/// <summary>
/// Writes one deterministic layer: a real tar archive of random files (at most 1 MiB each) plus a
/// small marker file <c>facade/layer-&lt;index&gt;.txt</c>, so an unpacked image can be checked.
/// </summary>
internal static class LayerWriter
{
    private const int MaxFileSize = 1024 * 1024;
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns (the tar bytes, the layer blob bytes: the tar itself or its gzip).</summary>
    public static (byte[] Tar, byte[] Blob) Write(int seed, int index, long size, bool gzip)
    {
        var random = new Random(seed * 7919 + index);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            AddDirectory(writer, "facade/");
            AddFile(writer, $"facade/layer-{index}.txt", Encoding.UTF8.GetBytes($"seed {seed} layer {index}\n"));
            var remaining = size;
            for (var file = 0; remaining > 0; file++)
            {
                var length = (int)Math.Min(remaining, MaxFileSize);
                var content = new byte[length];
                random.NextBytes(content);
                AddFile(writer, $"facade/data-{index}-{file}.bin", content);
                remaining -= length;
            }
        }
        var tarBytes = tar.ToArray();
        if (!gzip) return (tarBytes, tarBytes);
        using var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            zip.Write(tarBytes);
        return (tarBytes, compressed.ToArray());
    }

    private static void AddDirectory(TarWriter writer, string name) =>
        writer.WriteEntry(Stamp(new PaxTarEntry(TarEntryType.Directory, name), 0b111_101_101));

    private static void AddFile(TarWriter writer, string name, byte[] content)
    {
        var entry = Stamp(new PaxTarEntry(TarEntryType.RegularFile, name), 0b110_100_100);
        entry.DataStream = new MemoryStream(content, writable: false);
        writer.WriteEntry(entry);
    }

    /// <summary>Fixed owner, mode and time, so the same seed gives the same bytes.</summary>
    private static PaxTarEntry Stamp(PaxTarEntry entry, int mode)
    {
        entry.ModificationTime = Epoch;
        entry.Mode = (UnixFileMode)mode;
        entry.Uid = 0;
        entry.Gid = 0;
        entry.UserName = "root";
        entry.GroupName = "root";
        return entry;
    }
}
