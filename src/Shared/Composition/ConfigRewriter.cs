using System.Text.Json;

namespace Facade.Shared.Composition;

/// <summary>
/// Streams a base image config to the writer, appending the addenda's diff ids to
/// <c>rootfs.diff_ids</c> and their entries to <c>history</c>, and applying the Env modifiers
/// to <c>config.Env</c>. Everything else is copied token by token in its original order.
/// </summary>
internal static class ConfigRewriter
{
    public static void Write(ReadOnlySpan<byte> source, ComposeInput input, Utf8JsonWriter writer)
    {
        var reader = new Utf8JsonReader(source, JsonCopy.ReaderOptions);
        JsonCopy.Next(ref reader);
        JsonCopy.Expect(ref reader, JsonTokenType.StartObject, "the base config");
        writer.WriteStartObject();
        bool sawRootfs = false, sawHistory = false, sawConfig = false;
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
        {
            JsonCopy.CopyPropertyName(ref reader, writer);
            if (reader.ValueTextEquals("rootfs"u8))
            {
                sawRootfs = true;
                JsonCopy.Next(ref reader);
                WriteRootfs(ref reader, writer, source, input.Addenda);
            }
            else if (reader.ValueTextEquals("history"u8))
            {
                sawHistory = true;
                JsonCopy.Next(ref reader);
                WriteHistory(ref reader, writer, source, input.Addenda);
            }
            else if (reader.ValueTextEquals("config"u8))
            {
                sawConfig = true;
                JsonCopy.Next(ref reader);
                WriteContainerConfig(ref reader, writer, source, input.EnvModifiers);
            }
            else
            {
                JsonCopy.Next(ref reader);
                JsonCopy.CopyValue(ref reader, writer, source);
            }
        }
        JsonCopy.ExpectEnd(ref reader, "the base config");
        if (!sawRootfs) throw new CompositionException("the base config has no rootfs");
        if (!sawHistory && input.Addenda.Count > 0)
        {
            writer.WriteStartArray("history"u8);
            foreach (var addendum in input.Addenda) AddendumJson.WriteHistory(writer, addendum.History);
            writer.WriteEndArray();
        }
        if (!sawConfig && input.EnvModifiers.Count > 0)
        {
            writer.WriteStartObject("config"u8);
            writer.WritePropertyName("Env"u8);
            EnvEditor.WriteNew(writer, input.EnvModifiers);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteRootfs(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> source, IReadOnlyList<Addendum> addenda)
    {
        JsonCopy.Expect(ref reader, JsonTokenType.StartObject, "rootfs");
        writer.WriteStartObject();
        var sawDiffIds = false;
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
        {
            JsonCopy.CopyPropertyName(ref reader, writer);
            var isDiffIds = reader.ValueTextEquals("diff_ids"u8);
            JsonCopy.Next(ref reader);
            if (!isDiffIds)
            {
                JsonCopy.CopyValue(ref reader, writer, source);
                continue;
            }
            sawDiffIds = true;
            writer.WriteStartArray();
            if (reader.TokenType != JsonTokenType.Null)
            {
                JsonCopy.Expect(ref reader, JsonTokenType.StartArray, "rootfs.diff_ids");
                while (JsonCopy.Next(ref reader) != JsonTokenType.EndArray) JsonCopy.CopyValue(ref reader, writer, source);
            }
            AddendumJson.WriteDiffIds(writer, addenda);
            writer.WriteEndArray();
        }
        if (!sawDiffIds)
        {
            writer.WriteStartArray("diff_ids"u8);
            AddendumJson.WriteDiffIds(writer, addenda);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Copies the history array at the reader (null counts as empty) and appends the addenda's entries.</summary>
    private static void WriteHistory(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> source, IReadOnlyList<Addendum> addenda)
    {
        writer.WriteStartArray();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (JsonCopy.Next(ref reader) != JsonTokenType.EndArray) JsonCopy.CopyValue(ref reader, writer, source);
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            JsonCopy.Expect(ref reader, JsonTokenType.StartArray, "history");
        }
        foreach (var addendum in addenda) AddendumJson.WriteHistory(writer, addendum.History);
        writer.WriteEndArray();
    }

    private static void WriteContainerConfig(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> source, IReadOnlyList<EnvModifier> modifiers)
    {
        if (modifiers.Count == 0)
        {
            JsonCopy.CopyValue(ref reader, writer, source);
            return;
        }
        writer.WriteStartObject();
        var sawEnv = false;
        if (reader.TokenType != JsonTokenType.Null)
        {
            JsonCopy.Expect(ref reader, JsonTokenType.StartObject, "config");
            while (JsonCopy.Next(ref reader) != JsonTokenType.EndObject)
            {
                JsonCopy.CopyPropertyName(ref reader, writer);
                var isEnv = reader.ValueTextEquals("Env"u8);
                JsonCopy.Next(ref reader);
                if (!isEnv) JsonCopy.CopyValue(ref reader, writer, source);
                else if (reader.TokenType == JsonTokenType.Null) { sawEnv = true; EnvEditor.WriteNew(writer, modifiers); }
                else
                {
                    sawEnv = true;
                    JsonCopy.Expect(ref reader, JsonTokenType.StartArray, "config.Env");
                    EnvEditor.CopyEdited(ref reader, writer, source, modifiers);
                }
            }
        }
        if (!sawEnv)
        {
            writer.WritePropertyName("Env"u8);
            EnvEditor.WriteNew(writer, modifiers);
        }
        writer.WriteEndObject();
    }
}
