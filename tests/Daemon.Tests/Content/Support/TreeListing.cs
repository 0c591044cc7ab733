using System.Security.Cryptography;

namespace Daemon.Tests.Content.Support;

/// <summary>
/// A comparable description of a directory tree: for each relative path its type, mode and
/// content hash (files) or target (symlinks). Equal listings mean a byte-for-byte equal tree.
/// </summary>
internal static class TreeListing
{
    /// <summary>Lists everything below <paramref name="root"/>, skipping relative paths in <paramref name="ignore"/>.</summary>
    public static SortedDictionary<string, string> Of(string root, params string[] ignore)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, root, result, ignore);
        return result;
    }

    private static void Walk(string root, string directory, SortedDictionary<string, string> result, string[] ignore)
    {
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, info.FullName);
            if (ignore.Contains(relative)) continue;
            if (info.LinkTarget is { } target) result[relative] = $"link -> {target}";
            else if (info is DirectoryInfo dir)
            {
                result[relative] = $"dir {Mode(dir)}";
                Walk(root, dir.FullName, result, ignore);
            }
            else result[relative] = $"file {Mode(info)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(info.FullName)))}";
        }
    }

    private static string Mode(FileSystemInfo info) => Convert.ToString((int)info.UnixFileMode, 8);
}
