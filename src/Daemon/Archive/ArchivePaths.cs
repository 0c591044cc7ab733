namespace Daemon.Archive;

/// <summary>Maps archive entry names to paths below a root and refuses anything that would escape it.</summary>
internal static class ArchivePaths
{
    /// <summary>
    /// The absolute path for an entry name, or null for the root itself; throws
    /// <see cref="InvalidDataException"/> for absolute names or <c>..</c> segments.
    /// </summary>
    public static string? Resolve(string root, string name)
    {
        if (name.Contains('\0') || name.StartsWith('/'))
            throw new InvalidDataException($"archive entry '{name}' is not a relative path");
        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Any(s => s == ".."))
            throw new InvalidDataException($"archive entry '{name}' leaves the workspace");
        return segments.Length == 0 ? null : Path.Combine([root, .. segments]);
    }

    /// <summary>Creates the parent directories of a target, refusing to pass through a symlink.</summary>
    public static void EnsureParent(string root, string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        var relative = Path.GetRelativePath(root, parent);
        if (relative == ".") return;
        var current = root;
        foreach (var segment in relative.Split('/'))
        {
            current = Path.Combine(current, segment);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
                throw new InvalidDataException($"archive entry below '{relative}' would be written through a symlink");
            if (File.Exists(current)) File.Delete(current);
            if (!info.Exists) Directory.CreateDirectory(current);
        }
    }

    /// <summary>Throws when the path or any directory between it and the root is a symlink.</summary>
    public static void RequireNoSymlinks(string root, string path)
    {
        var current = root;
        foreach (var segment in Path.GetRelativePath(root, path).Split('/'))
        {
            current = Path.Combine(current, segment);
            if (new FileInfo(current).LinkTarget is not null)
                throw new InvalidDataException($"archive entry '{Path.GetRelativePath(root, path)}' refers through a symlink");
        }
    }

    /// <summary>Removes a file or symlink at a path (a directory is removed recursively).</summary>
    public static void RemoveExisting(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists) info.Delete();
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    /// <summary>Removes a file or symlink where a directory must go; an existing real directory stays.</summary>
    public static void RemoveIfNotDirectory(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists) info.Delete();
    }
}
