namespace Daemon.Linux;

/// <summary>Lexical checks on a path a workspace names inside its own mount namespace.</summary>
internal static class TargetPath
{
    private const int MaxLength = 1024;

    /// <summary>
    /// Null when <paramref name="path"/> is an absolute, normalized path below the root;
    /// otherwise the reason it is refused. Traversal (<c>..</c>), <c>.</c>, empty segments,
    /// control characters and the root itself are refused so a target cannot name anything
    /// but the directory it spells out.
    /// </summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "target is empty";
        }

        if (path.Length > MaxLength)
        {
            return $"target is longer than {MaxLength} characters";
        }

        if (path[0] != '/')
        {
            return "target must be an absolute path";
        }

        if (path.Any(char.IsControl))
        {
            return "target contains control characters";
        }

        var segments = path[1..].TrimEnd('/').Split('/');
        if (segments.Length == 1 && segments[0].Length == 0)
        {
            return "target must not be the root directory";
        }

        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                return "target must be normalized (no empty, '.' or '..' segments)";
            }
        }

        return null;
    }
}
