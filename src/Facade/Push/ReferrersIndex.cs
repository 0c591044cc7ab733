using System.Text.Json;
using System.Text.Json.Nodes;
using Facade.Shared.Oci;

namespace Facade.Push;

/// <summary>
/// Referrers indexes as JSON: an empty one, one filtered by <c>artifactType</c>, and one with a
/// descriptor appended. Descriptors are copied as JSON nodes, so fields this code does not know
/// survive. Bytes that are not an index read as an empty index.
/// </summary>
internal static class ReferrersIndex
{
    /// <summary>An index with no manifests.</summary>
    public static byte[] Empty() => Write([]);

    /// <summary>The index's descriptors, those of <paramref name="artifactType"/> only when it is given.</summary>
    public static byte[] Filter(ReadOnlySpan<byte> index, string? artifactType) =>
        Write(Descriptors(index).Where(d => artifactType is null || ArtifactTypeOf(d) == artifactType).ToList());

    /// <summary>The index with <paramref name="descriptor"/> appended, or null when it already lists that digest.</summary>
    public static byte[]? Append(ReadOnlySpan<byte> index, JsonObject descriptor)
    {
        var descriptors = Descriptors(index);
        var digest = descriptor["digest"]?.GetValue<string>();
        if (descriptors.Any(d => DigestOf(d) == digest)) return null;
        descriptors.Add(descriptor);
        return Write(descriptors);
    }

    /// <summary>The index without the descriptor of <paramref name="digest"/>, or null when it does not list it.</summary>
    public static byte[]? Remove(ReadOnlySpan<byte> index, string digest)
    {
        var descriptors = Descriptors(index);
        return descriptors.RemoveAll(d => DigestOf(d) == digest) == 0 ? null : Write(descriptors);
    }

    private static string? DigestOf(JsonObject descriptor) =>
        descriptor["digest"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<JsonObject> Descriptors(ReadOnlySpan<byte> index)
    {
        if (index.IsEmpty) return [];
        try
        {
            if (JsonNode.Parse(index) is JsonObject root && root["manifests"] is JsonArray manifests)
                return manifests.OfType<JsonObject>().Select(d => (JsonObject)d.DeepClone()).ToList();
        }
        catch (JsonException)
        {
            // Not an index: nobody can be listed from it.
        }
        return [];
    }

    private static string? ArtifactTypeOf(JsonObject descriptor) =>
        descriptor["artifactType"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static byte[] Write(List<JsonObject> descriptors)
    {
        var root = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JsonArray([.. descriptors]),
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) root.WriteTo(writer);
        return buffer.ToArray();
    }
}
