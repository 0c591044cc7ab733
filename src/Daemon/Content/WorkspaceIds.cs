using System.Text.RegularExpressions;

namespace Daemon.Content;

/// <summary>Workspace ids name a directory in the working area, so they are kept to a safe, short alphabet.</summary>
internal static partial class WorkspaceIds
{
    /// <summary>Throws InvalidArgument unless the id is 1-63 characters of letters, digits, '-' and '_', starting alphanumeric.</summary>
    public static string Require(string? id) =>
        id is not null && Pattern().IsMatch(id)
            ? id
            : throw ContentException.Invalid("workspace id must be 1-63 characters [A-Za-z0-9_-] starting with a letter or digit");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex Pattern();
}
