using System.Text.Json;

namespace Facade.Shared.Composition;

/// <summary>Writes the JSON the composer adds for an <see cref="Addendum"/>: a layer descriptor and a history entry.</summary>
internal static class AddendumJson
{
    /// <summary>Writes <c>{"mediaType","digest","size"[,"urls"][,"annotations"]}</c>.</summary>
    public static void WriteDescriptor(Utf8JsonWriter writer, LayerDescriptor layer)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType"u8, layer.MediaType);
        writer.WriteString("digest"u8, layer.Digest.Value);
        writer.WriteNumber("size"u8, layer.Size);
        if (layer.Urls is { Count: > 0 } urls)
        {
            writer.WriteStartArray("urls"u8);
            foreach (var url in urls) writer.WriteStringValue(url);
            writer.WriteEndArray();
        }
        if (layer.Annotations is { Count: > 0 } annotations)
        {
            writer.WriteStartObject("annotations"u8);
            foreach (var (key, value) in annotations) writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"created_by","comment"}</c>, leaving out what is unknown; never a <c>created</c> time.</summary>
    public static void WriteHistory(Utf8JsonWriter writer, HistoryEntry history)
    {
        writer.WriteStartObject();
        if (history.CreatedBy is not null) writer.WriteString("created_by"u8, history.CreatedBy);
        if (history.Comment is not null) writer.WriteString("comment"u8, history.Comment);
        writer.WriteEndObject();
    }

    /// <summary>Writes each addendum's diff id as array elements.</summary>
    public static void WriteDiffIds(Utf8JsonWriter writer, IReadOnlyList<Addendum> addenda)
    {
        foreach (var addendum in addenda) writer.WriteStringValue(addendum.DiffId.Value);
    }
}
