using System.Text.Json;

namespace Daemon.Content;

/// <summary>Writes <c>.gitpod/ready</c>, the file that tells the workspace its content is complete.</summary>
internal static class ReadyMarker
{
    /// <summary>The marker path relative to the workspace root.</summary>
    public const string RelativePath = ".gitpod/ready";

    /// <summary>Writes <c>{"source": ...}</c> to a temp file and renames it, so readers never see a partial marker.</summary>
    public static async Task WriteAsync(string workspaceRoot, string source, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(workspaceRoot, ".gitpod");
        SafePath.RequireNoSymlinks(workspaceRoot, directory, ".gitpod");
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".ready.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["source"] = source }), cancellationToken);
            File.Move(temp, Path.Combine(directory, "ready"), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
