using System.Formats.Tar;
using Daemon.Archive;
using Daemon.Hosting;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;

namespace Daemon.Tests.Storage;

/// <summary>The workspace tar writer and reader: owner shifting and refusal of entries that escape the root.</summary>
public sealed class TarArchiveTests : IDisposable
{
    private readonly TempDir _dir = new("daemon-tar");
    private static readonly DaemonOptions Shifted = new() { Archive = new ArchiveOptions { UidShift = 100000, GidShift = 200000 } };

    [SkippableFact]
    public async Task OwnersAreShiftedIntoAndOutOfTheArchive()
    {
        Skip.IfNot(FileMetadata.CanChown, "changing file owners needs root; owner shifting is not tested");
        var source = Directory.CreateDirectory(_dir.Combine("src")).FullName;
        var file = Path.Combine(source, "owned.txt");
        File.WriteAllText(file, "x");
        FileMetadata.SetOwner(file, 133333, 233333);

        var archive = new MemoryStream();
        await new WorkspaceTarWriter(Shifted).WriteAsync(source, archive, default);
        archive.Position = 0;
        var entry = new TarReader(archive, leaveOpen: true).GetNextEntry()!;
        Assert.Equal((33333, 33333), (entry.Uid, entry.Gid));

        archive.Position = 0;
        var target = _dir.Combine("dst");
        await new WorkspaceTarReader(Shifted).ExtractAsync(archive, target, default);
        var status = FileMetadata.Read(Path.Combine(target, "owned.txt"));
        Assert.Equal((133333, 233333, true), (status.Uid, status.Gid, status.IsRegularFile));
    }

    [Theory]
    [InlineData("../escaped.txt")]
    [InlineData("/abs/escaped.txt")]
    [InlineData("a/../../escaped.txt")]
    public async Task EntriesLeavingTheRootAreRefused(string name)
    {
        var archive = Archive(w => w.WriteEntry(FileEntry(name, "evil")));
        var target = _dir.Combine("root", "ws");

        await Assert.ThrowsAsync<InvalidDataException>(() => new WorkspaceTarReader(new DaemonOptions()).ExtractAsync(archive, target, default));

        Assert.False(File.Exists(_dir.Combine("root", "escaped.txt")));
        Assert.False(File.Exists("/abs/escaped.txt"));
    }

    [Fact]
    public async Task WritingThroughASymlinkIsRefused()
    {
        var outside = Directory.CreateDirectory(_dir.Combine("outside")).FullName;
        var archive = Archive(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = outside });
            w.WriteEntry(FileEntry("link/pwned.txt", "evil"));
        });

        await Assert.ThrowsAsync<InvalidDataException>(() => new WorkspaceTarReader(new DaemonOptions()).ExtractAsync(archive, _dir.Combine("ws"), default));

        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public async Task ADirectoryReplacedByASymlinkDoesNotPassItsModeOutside()
    {
        var outside = Directory.CreateDirectory(_dir.Combine("outside")).FullName;
        File.SetUnixFileMode(outside, (UnixFileMode)0b111_000_000);
        var archive = Archive(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "a/") { Mode = (UnixFileMode)0b111_111_111 });
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "a") { LinkName = outside });
        });

        await new WorkspaceTarReader(new DaemonOptions()).ExtractAsync(archive, _dir.Combine("ws"), default);

        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(outside));
        Assert.Equal(outside, new FileInfo(_dir.Combine("ws", "a")).LinkTarget);
    }

    [Fact]
    public async Task GarbageIsInvalidData()
    {
        var garbage = new MemoryStream(Enumerable.Repeat((byte)'z', 2048).ToArray());
        await Assert.ThrowsAsync<InvalidDataException>(() => new WorkspaceTarReader(new DaemonOptions()).ExtractAsync(garbage, _dir.Combine("ws"), default));
    }

    private static PaxTarEntry FileEntry(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };

    private static MemoryStream Archive(Action<TarWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true)) write(writer);
        stream.Position = 0;
        return stream;
    }

    public void Dispose() => _dir.Dispose();
}
