using System.Text.RegularExpressions;

namespace Daemon.Content.Git;

/// <summary>
/// Which <c>custom_config</c> keys a client may set. Keys that make git run programs or fetch
/// from elsewhere are refused, since the daemon itself runs git in the workspace later.
/// </summary>
internal static partial class GitConfigPolicy
{
    private static readonly string[] RefusedPrefixes =
    [
        "core.fsmonitor", "core.hookspath", "core.sshcommand", "core.gitproxy", "core.askpass", "core.editor",
        "core.pager", "credential.", "filter.", "diff.", "merge.", "alias.", "sequence.", "gpg.", "uploadpack.",
        "url.", "include.", "includeif.", "protocol.", "http.", "remote.", "submodule.", "safe.",
    ];

    /// <summary>Null when the key may be set, otherwise why not.</summary>
    public static string? Check(string key, string value)
    {
        if (!KeyPattern().IsMatch(key)) return $"'{key}' is not a valid git config key";
        if (value.Any(c => c is '\0' or '\n')) return $"the value of '{key}' contains a line break or NUL";
        var lower = key.ToLowerInvariant();
        return RefusedPrefixes.Any(lower.StartsWith) ? $"git config key '{key}' is not allowed" : null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*(\\.[^\\s=\\x00-\\x1f]+)*\\.[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex KeyPattern();
}
