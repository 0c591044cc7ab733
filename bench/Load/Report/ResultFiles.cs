using System.Text.Json;

namespace Facade.Load.Report;

/// <summary>Writes one result as <c>&lt;stem&gt;.md</c> and <c>&lt;stem&gt;.json</c> in the results folder.</summary>
internal static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes both files; returns the markdown.</summary>
    public static async Task<string> WriteAsync<T>(string directory, string stem, string markdown, T result)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, stem);
        await File.WriteAllTextAsync(path + ".md", markdown);
        await File.WriteAllTextAsync(path + ".json", JsonSerializer.Serialize(result, Json));
        return markdown;
    }
}
