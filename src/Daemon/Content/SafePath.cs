namespace Daemon.Content;

/// <summary>Resolves client-supplied relative paths below a workspace root, refusing traversal.</summary>
internal static class SafePath
{
    /// <summary>
    /// The absolute path of <paramref name="relative"/> below <paramref name="root"/>; InvalidArgument
    /// for absolute paths, <c>..</c> segments, control characters or (unless allowed) the root itself.
    /// </summary>
    public static string Resolve(string root, string? relative, string what, bool allowRoot = true)
    {
        relative ??= "";
        if (relative.Any(char.IsControl) || relative.StartsWith('/') || relative.Contains('\\'))
            throw ContentException.Invalid($"{what} must be a relative path without control characters");
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Any(s => s == ".."))
            throw ContentException.Invalid($"{what} must stay inside the workspace");
        if (segments.Length == 0 && !allowRoot)
            throw ContentException.Invalid($"{what} must name a path inside the workspace");
        return segments.Length == 0 ? root : Path.Combine([root, .. segments]);
    }

    /// <summary>Throws InvalidArgument when an existing directory on the way to the path is a symlink.</summary>
    public static void RequireNoSymlinks(string root, string path, string what)
    {
        var current = root;
        foreach (var segment in Path.GetRelativePath(root, path).Split('/'))
        {
            if (segment == ".") return;
            current = Path.Combine(current, segment);
            if (new FileInfo(current).LinkTarget is not null)
                throw ContentException.Invalid($"{what} leads through a symlink");
        }
    }
}
