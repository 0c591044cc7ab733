using System.Text.Json;
using Conformance.Content;
using Conformance.Http;
using Conformance.Running;

namespace Conformance.Protocol;

/// <summary>The descriptors of a referrers response (an OCI image index).</summary>
internal static class ReferrersIndex
{
    /// <summary>Expects 200, the index Content-Type and a well-formed index; returns its descriptors.</summary>
    public static IReadOnlyList<ReferrerEntry> From(RegistryResponse response)
    {
        Expect.Status(response, 200);
        var contentType = Expect.Header(response, "Content-Type");
        Expect.That(contentType.StartsWith(MediaTypes.ImageIndex, StringComparison.Ordinal), $"Content-Type '{contentType}', expected {MediaTypes.ImageIndex}");
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            var root = doc.RootElement;
            Expect.That(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 2, "index lacks schemaVersion 2");
            Expect.That(root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array, "index has no 'manifests' array");
            return manifests.EnumerateArray().Select(ParseEntry).ToList();
        }
        catch (JsonException error)
        {
            throw new CheckFailedException($"referrers body is not JSON: {error.Message}");
        }
    }

    private static ReferrerEntry ParseEntry(JsonElement e)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in a.EnumerateObject())
            {
                annotations[property.Name] = property.Value.GetString() ?? "";
            }
        }

        return new ReferrerEntry(
            StringOf(e, "digest") ?? throw new CheckFailedException("a referrer descriptor has no digest"),
            StringOf(e, "mediaType"),
            e.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : -1,
            StringOf(e, "artifactType"),
            annotations);
    }

    private static string? StringOf(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
