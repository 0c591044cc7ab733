namespace Daemon.Content;

/// <summary>Sums the sizes of the regular files below a directory, not following symlinks.</summary>
internal static class DirectorySize
{
    /// <summary>Total bytes of files below <paramref name="root"/>.</summary>
    public static long Of(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        return new DirectoryInfo(root).EnumerateFiles("*", options).Sum(f => f.Length);
    }
}
