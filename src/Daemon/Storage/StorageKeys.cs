using System.Text.RegularExpressions;

namespace Daemon.Storage;

/// <summary>
/// Storage keys: flat names valid as a file name, an S3 key and an OCI tag alike
/// (<c>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</c>).
/// </summary>
internal static partial class StorageKeys
{
    /// <summary>The single backup of a workspace.</summary>
    public static string Backup(string workspaceId) => $"backup-{workspaceId}";

    /// <summary>A new snapshot of a workspace, unique per millisecond.</summary>
    public static string Snapshot(string workspaceId, DateTimeOffset at) =>
        $"snapshot-{workspaceId}-{at.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>True for a key this daemon may read or write.</summary>
    public static bool IsValid(string? key) => key is not null && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex KeyPattern();
}
