using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.TestSupport;

/// <summary>Writes the JSON documents of generated images: config, manifest, index.</summary>
internal static class ImageJson
{
    private const string Created = "2024-01-01T00:00:00Z";

    public static byte[] Config(ImageSpec spec, IReadOnlyList<Digest> diffIds) => Write(w =>
    {
        w.WriteString("created", Created);
        w.WriteString("architecture", spec.Architecture);
        if (spec.Variant is not null) w.WriteString("variant", spec.Variant);
        w.WriteString("os", spec.Os);
        w.WriteStartObject("config");
        w.WriteStartArray("Env");
        foreach (var env in spec.Env) w.WriteStringValue(env);
        w.WriteEndArray();
        w.WriteStartArray("Cmd");
        w.WriteStringValue("/bin/sh");
        w.WriteEndArray();
        w.WriteStartObject("Labels");
        foreach (var (key, value) in spec.Labels) w.WriteString(key, value);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("rootfs");
        w.WriteString("type", "layers");
        w.WriteStartArray("diff_ids");
        foreach (var id in diffIds) w.WriteStringValue(id.Value);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("history");
        for (var i = 0; i < diffIds.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("created", Created);
            w.WriteString("created_by", $"generated layer {i} (seed {spec.Seed})");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static byte[] Manifest(string mediaType, GeneratedBlob config, IReadOnlyList<GeneratedBlob> layers) => Write(w =>
    {
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", mediaType);
        w.WritePropertyName("config");
        Descriptor(w, config.MediaType, config.Digest, config.Size);
        w.WriteStartArray("layers");
        foreach (var layer in layers) Descriptor(w, layer.MediaType, layer.Digest, layer.Size);
        w.WriteEndArray();
    });

    public static byte[] Index(string mediaType, IReadOnlyList<GeneratedImage> images) => Write(w =>
    {
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", mediaType);
        w.WriteStartArray("manifests");
        foreach (var image in images)
        {
            w.WriteStartObject();
            w.WriteString("mediaType", image.MediaType);
            w.WriteString("digest", image.Digest.Value);
            w.WriteNumber("size", image.ManifestBytes.Length);
            w.WriteStartObject("platform");
            w.WriteString("architecture", image.Spec.Architecture);
            w.WriteString("os", image.Spec.Os);
            if (image.Spec.Variant is not null) w.WriteString("variant", image.Spec.Variant);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static void Descriptor(Utf8JsonWriter w, string mediaType, Digest digest, long size)
    {
        w.WriteStartObject();
        w.WriteString("mediaType", mediaType);
        w.WriteString("digest", digest.Value);
        w.WriteNumber("size", size);
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
