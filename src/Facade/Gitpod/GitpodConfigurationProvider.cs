using System.Text.Json;

namespace Facade.Gitpod;

/// <summary>
/// A configuration provider that reads Gitpod's registry-facade config file once, at start-up,
/// and exposes it as the <c>Facade:*</c> and <c>Kestrel:*</c> settings it stands for.
/// </summary>
internal sealed class GitpodConfigurationProvider(string path, Func<string, string?> environment) : ConfigurationProvider
{
    public override void Load()
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 32 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new GitpodConfigException($"cannot read the Gitpod config '{path}': {e.Message}", e);
        }
        using (document)
        {
            var translation = GitpodConfigTranslator.Translate(document.RootElement, environment);
            Data = new Dictionary<string, string?>(translation.Settings, StringComparer.OrdinalIgnoreCase);
        }
    }
}
