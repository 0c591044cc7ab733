namespace Facade.TestSupport;

/// <summary>Writes an htpasswd file with bcrypt hashes (the only kind the reference registry accepts).</summary>
public static class Htpasswd
{
    /// <summary>Runs <c>htpasswd -Bbn</c> per user and writes the lines to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, string> users)
    {
        var tool = RequiredTool.Require("htpasswd");
        var lines = new List<string>();
        foreach (var (user, password) in users)
        {
            // -B bcrypt, -b password from the command line, -n print instead of writing a file.
            var result = (await Tool.RunAsync(tool, ["-Bbn", user, password], TimeSpan.FromSeconds(30))).EnsureSuccess();
            lines.Add(result.StandardOutput.Trim());
        }
        await File.WriteAllLinesAsync(path, lines);
    }
}
