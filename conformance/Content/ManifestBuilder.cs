using System.Text.Json;

namespace Conformance.Content;

/// <summary>Writes OCI image manifests (optionally with artifactType, subject, annotations) as compact JSON.</summary>
internal sealed class ManifestBuilder(TestBlob config)
{
    private readonly List<TestBlob> _layers = [];
    private readonly SortedDictionary<string, string> _annotations = new(StringComparer.Ordinal);
    private TestManifest? _subject;
    private string? _artifactType;

    public ManifestBuilder Layer(TestBlob layer)
    {
        _layers.Add(layer);
        return this;
    }

    public ManifestBuilder Subject(TestManifest subject)
    {
        _subject = subject;
        return this;
    }

    public ManifestBuilder ArtifactType(string artifactType)
    {
        _artifactType = artifactType;
        return this;
    }

    public ManifestBuilder Annotation(string key, string value)
    {
        _annotations[key] = value;
        return this;
    }

    public TestManifest Build()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", MediaTypes.ImageManifest);
            if (_artifactType is not null)
            {
                json.WriteString("artifactType", _artifactType);
            }

            json.WritePropertyName("config");
            WriteDescriptor(json, config.MediaType, config.Digest, config.Size);
            json.WriteStartArray("layers");
            foreach (var layer in _layers)
            {
                WriteDescriptor(json, layer.MediaType, layer.Digest, layer.Size);
            }

            json.WriteEndArray();
            if (_subject is not null)
            {
                json.WritePropertyName("subject");
                WriteDescriptor(json, _subject.MediaType, _subject.Digest, _subject.Size);
            }

            if (_annotations.Count > 0)
            {
                json.WriteStartObject("annotations");
                foreach (var (key, value) in _annotations)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return new TestManifest(buffer.ToArray(), MediaTypes.ImageManifest);
    }

    private static void WriteDescriptor(Utf8JsonWriter json, string mediaType, string digest, long size)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", mediaType);
        json.WriteString("digest", digest);
        json.WriteNumber("size", size);
        json.WriteEndObject();
    }
}
