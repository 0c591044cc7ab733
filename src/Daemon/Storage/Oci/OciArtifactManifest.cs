using System.Text.Json;
using System.Text.Json.Nodes;
using Facade.Shared.Oci;

namespace Daemon.Storage.Oci;

/// <summary>Writes and reads the manifest of a workspace archive artifact.</summary>
internal static class OciArtifactManifest
{
    /// <summary>The artifact type naming a workspace content archive.</summary>
    public const string ArtifactType = "application/vnd.facade.workspace.content.v1";

    private const string EmptyConfigDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    /// <summary>The manifest bytes for one tar layer.</summary>
    public static byte[] Create(Digest archive, long size)
    {
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
            ["artifactType"] = ArtifactType,
            ["config"] = new JsonObject { ["mediaType"] = MediaTypes.OciEmpty, ["digest"] = EmptyConfigDigest, ["size"] = 2 },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = MediaTypes.OciLayer, ["digest"] = archive.Value, ["size"] = size }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(manifest);
    }

    /// <summary>The digest and size of the archive layer; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static (Digest Digest, long Size) ReadArchiveLayer(byte[] raw)
    {
        try
        {
            var node = JsonNode.Parse(raw) ?? throw new InvalidDataException("empty manifest");
            if ((string?)node["artifactType"] != ArtifactType)
                throw new InvalidDataException("the manifest is not a workspace content artifact");
            var layers = node["layers"]?.AsArray() ?? throw new InvalidDataException("the manifest has no layers");
            if (layers.Count != 1) throw new InvalidDataException("a workspace artifact has exactly one layer");
            var layer = layers[0]!;
            if (!Digest.TryParse((string?)layer["digest"], out var digest) || (long?)layer["size"] is not { } size || size < 0)
                throw new InvalidDataException("the archive layer has no valid digest or size");
            return (digest, size);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("the artifact manifest is malformed", e);
        }
    }
}
