using System.Formats.Tar;
using Daemon.Hosting;

namespace Daemon.Archive;

/// <summary>
/// Writes a workspace directory as a PAX tar: directories, regular files and symlinks, in
/// ordinal name order, with modes, modification times and shifted owners. Other file types
/// (sockets, devices, fifos) are skipped because a workspace cannot restore them meaningfully.
/// </summary>
internal sealed class WorkspaceTarWriter(DaemonOptions options)
{
    private readonly OwnerMapping _owners = OwnerMapping.From(options.Archive);

    /// <summary>Archives everything below <paramref name="root"/> (not the root entry itself).</summary>
    public async Task WriteAsync(string root, Stream destination, CancellationToken cancellationToken)
    {
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await WriteDirectoryAsync(writer, root, "", cancellationToken);
    }

    private async Task WriteDirectoryAsync(TarWriter writer, string directory, string prefix, CancellationToken cancellationToken)
    {
        var children = new DirectoryInfo(directory).GetFileSystemInfos();
        Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var info in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = prefix + info.Name;
            if (info.LinkTarget is { } target)
            {
                await writer.WriteEntryAsync(Describe(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target }, info), cancellationToken);
            }
            else if (info is DirectoryInfo dir)
            {
                await writer.WriteEntryAsync(Describe(new PaxTarEntry(TarEntryType.Directory, name + "/"), dir), cancellationToken);
                await WriteDirectoryAsync(writer, dir.FullName, name + "/", cancellationToken);
            }
            else if (info is FileInfo file && FileMetadata.Read(file.FullName).IsRegularFile)
            {
                await using var content = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                var entry = Describe(new PaxTarEntry(TarEntryType.RegularFile, name), file);
                entry.DataStream = content;
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
        }
    }

    private PaxTarEntry Describe(PaxTarEntry entry, FileSystemInfo info)
    {
        var status = FileMetadata.Read(info.FullName);
        (entry.Uid, entry.Gid) = _owners.ToArchive(status.Uid, status.Gid);
        entry.Mode = status.Mode;
        // Tar cannot express times before 1970; such files keep the archive's default time.
        if (status.Modified >= DateTimeOffset.UnixEpoch) entry.ModificationTime = status.Modified;
        return entry;
    }
}
