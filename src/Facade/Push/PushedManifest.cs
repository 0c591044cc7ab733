using System.Text.Json;

namespace Facade.Push;

/// <summary>
/// What the facade needs to know about a pushed manifest: its declared media type and artifact
/// type, its config's media type, its subject's digest and its annotations. Read with
/// <see cref="JsonDocument"/> only; the bytes forwarded are always the client's own.
/// </summary>
internal sealed record PushedManifest(
    string? MediaType, string? ArtifactType, string? ConfigMediaType, string? SubjectDigest, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The media type to describe it with: declared, else the request's, else from its shape.</summary>
    public string DescribedMediaType(string? contentType, bool isIndex) =>
        MediaType ?? contentType ?? (isIndex ? Shared.Oci.MediaTypes.OciIndex : Shared.Oci.MediaTypes.OciManifest);

    internal static Dictionary<string, string> ReadAnnotations(JsonElement root)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("annotations", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.String) annotations[property.Name] = property.Value.GetString()!;
        }
        return annotations;
    }
}
