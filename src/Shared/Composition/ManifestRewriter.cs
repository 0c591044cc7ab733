using System.Globalization;
using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>
/// Streams a base manifest to the writer, appending the addenda's descriptors to <c>layers</c>,
/// pointing the <c>config</c> descriptor at the composed config and adding the workspace-image
/// annotations. Everything else (including <c>mediaType</c> and unknown fields) is copied as is.
/// </summary>
internal static class ManifestRewriter
{
    /// <summary>Annotation with the sum of the base layer sizes (decimal).</summary>
    public const string SizeAnnotation = "io.gitpod.workspace-image.size";

    /// <summary>Annotation with the base reference.</summary>
    public const string RefAnnotation = "io.gitpod.workspace-image.ref";

    public static void Write(ReadOnlySpan<byte> source, ComposeInput input, ManifestSummary summary, Digest configDigest, long configSize, Utf8JsonWriter writer)
    {
        var reader = new Utf8JsonReader(source, JsonCopy.ReaderOptions);
        JsonCopy.Next(ref reader);
        writer.WriteStartObject();
        var sawAnnotations = false;
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
        {
            JsonCopy.CopyPropertyName(ref reader, writer);
            if (reader.ValueTextEquals("layers"u8))
            {
                JsonCopy.Next(ref reader);
                writer.WriteStartArray();
                while (JsonCopy.Next(ref reader) != JsonTokenType.EndArray) JsonCopy.CopyValue(ref reader, writer, source);
                foreach (var addendum in input.Addenda) AddendumJson.WriteDescriptor(writer, addendum.Layer);
                writer.WriteEndArray();
            }
            else if (reader.ValueTextEquals("config"u8))
            {
                JsonCopy.Next(ref reader);
                WriteConfigDescriptor(ref reader, writer, source, configDigest, configSize);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                sawAnnotations = true;
                JsonCopy.Next(ref reader);
                WriteAnnotations(ref reader, writer, source, input, summary);
            }
            else
            {
                JsonCopy.Next(ref reader);
                JsonCopy.CopyValue(ref reader, writer, source);
            }
        }
        if (!sawAnnotations)
        {
            writer.WritePropertyName("annotations"u8);
            writer.WriteStartObject();
            WriteComposerAnnotations(writer, input, summary);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteConfigDescriptor(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> source, Digest digest, long size)
    {
        writer.WriteStartObject();
        bool sawDigest = false, sawSize = false;
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
        {
            JsonCopy.CopyPropertyName(ref reader, writer);
            var isDigest = reader.ValueTextEquals("digest"u8);
            var isSize = !isDigest && reader.ValueTextEquals("size"u8);
            JsonCopy.Next(ref reader);
            if (isDigest) { sawDigest = true; reader.Skip(); writer.WriteStringValue(digest.Value); }
            else if (isSize) { sawSize = true; reader.Skip(); writer.WriteNumberValue(size); }
            else JsonCopy.CopyValue(ref reader, writer, source);
        }
        if (!sawDigest) writer.WriteString("digest"u8, digest.Value);
        if (!sawSize) writer.WriteNumber("size"u8, size);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Copies the existing annotations (null counts as none), dropping any key the composer
    /// sets, then writes the extra and workspace-image annotations.
    /// </summary>
    private static void WriteAnnotations(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> source, ComposeInput input, ManifestSummary summary)
    {
        var extra = input.Annotations ?? [];
        writer.WriteStartObject();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
            {
                if (IsOverridden(ref reader, extra))
                {
                    JsonCopy.Next(ref reader);
                    reader.Skip();
                    continue;
                }
                JsonCopy.CopyPropertyName(ref reader, writer);
                JsonCopy.Next(ref reader);
                JsonCopy.CopyValue(ref reader, writer, source);
            }
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            JsonCopy.Expect(ref reader, JsonTokenType.StartObject, "annotations");
        }
        WriteComposerAnnotations(writer, input, summary);
        writer.WriteEndObject();
    }

    private static void WriteComposerAnnotations(Utf8JsonWriter writer, ComposeInput input, ManifestSummary summary)
    {
        foreach (var (key, value) in input.Annotations ?? [])
        {
            if (key is not (SizeAnnotation or RefAnnotation)) writer.WriteString(key, value);
        }
        Span<byte> digits = stackalloc byte[20];
        summary.LayersSize.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteString(SizeAnnotation, digits[..written]);
        writer.WriteString(RefAnnotation, input.BaseRef);
    }

    private static bool IsOverridden(ref Utf8JsonReader reader, IReadOnlyList<KeyValuePair<string, string>> extra)
    {
        if (reader.ValueTextEquals(SizeAnnotation) || reader.ValueTextEquals(RefAnnotation)) return true;
        foreach (var (key, _) in extra)
        {
            if (reader.ValueTextEquals(key)) return true;
        }
        return false;
    }
}
