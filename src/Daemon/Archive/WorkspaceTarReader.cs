using System.Formats.Tar;
using Daemon.Hosting;

namespace Daemon.Archive;

/// <summary>
/// Extracts a workspace tar below a root directory, refusing any entry that would land outside
/// it (absolute names, <c>..</c>, writes through symlinks). Owners are shifted back to host ids.
/// A malformed archive surfaces as <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class WorkspaceTarReader(DaemonOptions options)
{
    private readonly OwnerMapping _owners = OwnerMapping.From(options.Archive);

    /// <summary>Extracts all entries of <paramref name="source"/> into <paramref name="root"/>.</summary>
    public async Task ExtractAsync(Stream source, string root, CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        var directories = new List<(string Path, TarEntry Entry)>();
        try
        {
            await using var reader = new TarReader(source, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var target = ArchivePaths.Resolve(root, entry.Name);
                if (target is null) continue;
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        ArchivePaths.EnsureParent(root, target);
                        ArchivePaths.RemoveIfNotDirectory(target);
                        Directory.CreateDirectory(target);
                        directories.Add((target, entry));
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        await WriteFileAsync(root, target, entry, cancellationToken);
                        break;
                    case TarEntryType.SymbolicLink:
                        ArchivePaths.EnsureParent(root, target);
                        ArchivePaths.RemoveExisting(target);
                        File.CreateSymbolicLink(target, entry.LinkName);
                        SetOwner(target, entry);
                        break;
                    case TarEntryType.HardLink:
                        var linked = ArchivePaths.Resolve(root, entry.LinkName) ?? throw new InvalidDataException($"hard link '{entry.Name}' has no target");
                        ArchivePaths.RequireNoSymlinks(root, linked);
                        ArchivePaths.EnsureParent(root, target);
                        ArchivePaths.RemoveExisting(target);
                        // A copy keeps the content without creating links that could alias files outside the workspace.
                        File.Copy(linked, target);
                        break;
                    default:
                        // Devices, fifos and the like are not workspace content.
                        break;
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"the archive is malformed: {e.Message}", e);
        }

        // Modes and times of directories last: a read-only directory must not block its own content.
        for (var i = directories.Count - 1; i >= 0; i--)
        {
            var (path, entry) = directories[i];
            // A later entry may have replaced the directory with a symlink; following it could touch files outside the root.
            if (new DirectoryInfo(path) is not { Exists: true, LinkTarget: null }) continue;
            SetOwner(path, entry);
            SetMode(path, entry);
            Directory.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
        }
    }

    private async Task WriteFileAsync(string root, string target, TarEntry entry, CancellationToken cancellationToken)
    {
        ArchivePaths.EnsureParent(root, target);
        ArchivePaths.RemoveExisting(target);
        await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            if (entry.DataStream is { } data) await data.CopyToAsync(file, cancellationToken);
        }
        SetOwner(target, entry);
        SetMode(target, entry);
        File.SetLastWriteTimeUtc(target, entry.ModificationTime.UtcDateTime);
    }

    private static void SetMode(string path, TarEntry entry)
    {
        // The daemon only runs on Linux; the guard keeps the platform analyzer satisfied.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, entry.Mode);
    }

    private void SetOwner(string path, TarEntry entry)
    {
        var (uid, gid) = _owners.ToHost(entry.Uid, entry.Gid);
        FileMetadata.SetOwner(path, uid, gid);
    }
}
