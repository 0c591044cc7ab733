using System.Text.Json;
using Facade.Shared.Errors;
using Facade.Shared.Oci;

namespace Facade.Push;

/// <summary>
/// Checks a pushed manifest before it goes upstream, so clients get the specification's 400s
/// whatever the upstream would have answered: it must be a JSON object with
/// <c>schemaVersion</c> 2, every descriptor (config, layers, manifests, subject) must carry a
/// well-formed digest and a non-negative size, and a PUT by digest must carry bytes that hash to
/// that digest.
/// </summary>
internal static class ManifestValidation
{
    public static (PushedManifest? Manifest, bool IsIndex, OciError? Error) Check(ReadOnlyMemory<byte> body, string reference)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 2)
                return Invalid("manifest must be a JSON object with schemaVersion 2");
            var descriptors = Single(root, "config").Concat(Single(root, "subject")).Concat(Many(root, "layers")).Concat(Many(root, "manifests"));
            foreach (var descriptor in descriptors)
            {
                if (DescriptorError(descriptor) is { } problem) return Invalid(problem);
            }
            if (Digest.TryParse(reference, out var expected) && !expected.Matches(body.Span))
                return (null, false, new OciError(OciErrorCode.DigestInvalid, $"manifest body does not match {expected}"));
            var manifest = new PushedManifest(
                Text(root, "mediaType"), Text(root, "artifactType"),
                root.TryGetProperty("config", out var config) ? Text(config, "mediaType") : null,
                root.TryGetProperty("subject", out var subject) ? Text(subject, "digest") : null,
                PushedManifest.ReadAnnotations(root));
            return (manifest, root.TryGetProperty("manifests", out _), null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return Invalid("manifest is not valid JSON: " + e.Message);
        }
    }

    private static string? DescriptorError(JsonElement descriptor)
    {
        if (descriptor.ValueKind != JsonValueKind.Object) return "a descriptor is not an object";
        var digest = Text(descriptor, "digest");
        if (!Digest.TryParse(digest, out _)) return $"descriptor digest '{Cap(digest)}' is invalid";
        if (!descriptor.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var n) || n < 0)
            return $"descriptor {digest} has no valid size";
        return null;
    }

    private static IEnumerable<JsonElement> Single(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null ? [element] : [];

    private static IEnumerable<JsonElement> Many(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static (PushedManifest?, bool, OciError?) Invalid(string message) => (null, false, new OciError(OciErrorCode.ManifestInvalid, message));

    private static string Cap(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "...";
}
