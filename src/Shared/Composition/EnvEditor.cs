using System.Text.Json;

namespace Facade.Shared.Composition;

/// <summary>Applies <see cref="EnvModifier"/>s to a <c>config.Env</c> array while it is copied.</summary>
internal static class EnvEditor
{
    /// <summary>
    /// Reads the Env array at the reader (positioned on <c>[</c>), applies the modifiers and
    /// writes the result: untouched entries verbatim, edited ones in place, new ones at the end.
    /// </summary>
    public static void CopyEdited(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> source, IReadOnlyList<EnvModifier> modifiers)
    {
        var entries = new List<EnvEntry>();
        while (JsonCopy.Next(ref reader) != JsonTokenType.EndArray)
        {
            JsonCopy.Expect(ref reader, JsonTokenType.String, "each config.Env entry");
            entries.Add(new EnvEntry(reader.GetString()!, checked((int)reader.TokenStartIndex), reader.ValueSpan.Length + 2));
        }
        Apply(entries, modifiers);
        Write(writer, source, entries);
    }

    /// <summary>Writes an Env array made only of the modifiers (the base had none).</summary>
    public static void WriteNew(Utf8JsonWriter writer, IReadOnlyList<EnvModifier> modifiers)
    {
        var entries = new List<EnvEntry>(modifiers.Count);
        Apply(entries, modifiers);
        Write(writer, default, entries);
    }

    /// <summary>Applies the modifiers in order; a later modifier sees the result of the earlier ones.</summary>
    public static void Apply(List<EnvEntry> entries, IReadOnlyList<EnvModifier> modifiers)
    {
        foreach (var modifier in modifiers)
        {
            var index = entries.FindIndex(e => e.HasName(modifier.Name));
            var old = index < 0 ? null : entries[index].Value;
            var edited = new EnvEntry(modifier.Name + "=" + modifier.Apply(old), -1, 0);
            if (index < 0) entries.Add(edited);
            else entries[index] = edited;
        }
    }

    private static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> source, List<EnvEntry> entries)
    {
        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            if (entry.RawStart >= 0) writer.WriteRawValue(source.Slice(entry.RawStart, entry.RawLength), skipInputValidation: true);
            else writer.WriteStringValue(entry.Text);
        }
        writer.WriteEndArray();
    }
}
