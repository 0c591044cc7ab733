using System.Buffers;
using System.Text.Json;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Benchmarks.Composition;

/// <summary>
/// Inputs shaped like a real workspace image: a Docker schema2 base with 10 layers and a config
/// of a few KiB (env, labels, 14 history entries), plus IDE, supervisor and IDE-layer images.
/// </summary>
internal static class RealisticImages
{
    public const string BaseRef = "registry.example.test/workspace/full:2024-06-01";

    public static byte[] BaseManifest(int layers) => Json(w =>
    {
        w.WriteNumber("schemaVersion", 2);
        w.WriteString("mediaType", MediaTypes.DockerManifest);
        w.WriteStartObject("config");
        w.WriteString("mediaType", MediaTypes.DockerConfig);
        w.WriteNumber("size", 4321);
        w.WriteString("digest", Fake("base-config").Value);
        w.WriteEndObject();
        w.WriteStartArray("layers");
        for (var i = 0; i < layers; i++)
        {
            w.WriteStartObject();
            w.WriteString("mediaType", MediaTypes.DockerLayerGzip);
            w.WriteNumber("size", 1_000_000L * (i + 1) + i);
            w.WriteString("digest", Fake("base-layer-" + i).Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static byte[] BaseConfig(int layers) => Json(w =>
    {
        w.WriteString("architecture", "amd64");
        w.WriteStartObject("config");
        w.WriteString("User", "gitpod");
        w.WriteStartArray("Env");
        w.WriteStringValue("PATH=/home/gitpod/.local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (var i = 0; i < 12; i++) w.WriteStringValue($"TOOL_{i}_HOME=/home/gitpod/.tools/tool-{i}");
        w.WriteEndArray();
        w.WriteStartArray("Cmd"); w.WriteStringValue("/bin/bash"); w.WriteEndArray();
        w.WriteString("WorkingDir", "/home/gitpod");
        w.WriteStartObject("Labels");
        for (var i = 0; i < 6; i++) w.WriteString($"org.example.label-{i}", $"value {i}");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("created", "2024-06-01T00:00:00Z");
        w.WriteStartArray("history");
        for (var i = 0; i < layers + 4; i++)
        {
            w.WriteStartObject();
            w.WriteString("created", "2024-06-01T00:00:00Z");
            w.WriteString("created_by", $"RUN /bin/sh -c apt-get update && apt-get install -y package-{i} && rm -rf /var/lib/apt/lists/* # step {i}");
            if (i >= layers) w.WriteBoolean("empty_layer", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("os", "linux");
        w.WriteStartObject("rootfs");
        w.WriteString("type", "layers");
        w.WriteStartArray("diff_ids");
        for (var i = 0; i < layers; i++) w.WriteStringValue(Fake("base-diff-" + i).Value);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static AddonImage Addon(string name, int layers, string[] env, int skip = 0) => new(
        $"registry.example.test/{name}:latest",
        Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", MediaTypes.OciManifest);
            w.WriteStartObject("config");
            w.WriteString("mediaType", MediaTypes.OciConfig);
            w.WriteString("digest", Fake(name + "-config").Value);
            w.WriteNumber("size", 500);
            w.WriteEndObject();
            w.WriteStartArray("layers");
            for (var i = 0; i < layers; i++)
            {
                w.WriteStartObject();
                w.WriteString("mediaType", MediaTypes.OciLayerGzip);
                w.WriteString("digest", Fake(name + "-layer-" + i).Value);
                w.WriteNumber("size", 50_000 + i);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }),
        Json(w =>
        {
            w.WriteStartObject("config");
            w.WriteStartArray("Env");
            foreach (var e in env) w.WriteStringValue(e);
            w.WriteEndArray();
            if (skip > 0)
            {
                w.WriteStartObject("Labels");
                w.WriteString("skip-n.registry-facade.gitpod.io", skip.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("rootfs");
            w.WriteString("type", "layers");
            w.WriteStartArray("diff_ids");
            for (var i = 0; i < layers; i++) w.WriteStringValue(Fake(name + "-diff-" + i).Value);
            w.WriteEndArray();
            w.WriteEndObject();
        }));

    private static Digest Fake(string seed) => Digest.Sha256Of(System.Text.Encoding.UTF8.GetBytes(seed));

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
