using System.Text.Encodings.Web;
using System.Text.Json;

namespace Facade.Shared.Composition;

/// <summary>
/// Token-by-token copying from a <see cref="Utf8JsonReader"/> to a <see cref="Utf8JsonWriter"/>.
/// Values are written from their raw input bytes, so numbers and strings keep their exact
/// spelling (no re-formatting of <c>1e3</c> or re-escaping of <c>\u00e9</c>).
/// </summary>
internal static class JsonCopy
{
    /// <summary>Reader options: strict JSON, no comments, no trailing commas.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>Writer options: compact output; the relaxed encoder leaves <c>+</c>, <c>&lt;</c> and non-ASCII names alone.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Advances the reader; running out of input is an error here.</summary>
    public static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new CompositionException("unexpected end of JSON");
        return reader.TokenType;
    }

    /// <summary>Fails unless the whole input has been consumed.</summary>
    public static void ExpectEnd(ref Utf8JsonReader reader, string what)
    {
        if (reader.Read()) throw new CompositionException($"{what} has content after its top-level value");
    }

    /// <summary>Copies the current property name.</summary>
    public static void CopyPropertyName(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        if (reader.ValueIsEscaped) writer.WritePropertyName(reader.GetString()!);
        else writer.WritePropertyName(reader.ValueSpan);
    }

    /// <summary>Copies the current value (a primitive or a whole container) verbatim.</summary>
    public static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer, ReadOnlySpan<byte> source)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                while (Next(ref reader) != JsonTokenType.EndObject)
                {
                    CopyPropertyName(ref reader, writer);
                    Next(ref reader);
                    CopyValue(ref reader, writer, source);
                }
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (Next(ref reader) != JsonTokenType.EndArray) CopyValue(ref reader, writer, source);
                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                writer.WriteRawValue(RawString(ref reader, source), skipInputValidation: true);
                break;
            default:
                // Numbers and literals: the value span is the raw token.
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
        }
    }

    /// <summary>The raw bytes of the current string token, quotes included.</summary>
    public static ReadOnlySpan<byte> RawString(ref Utf8JsonReader reader, ReadOnlySpan<byte> source) =>
        source.Slice(checked((int)reader.TokenStartIndex), reader.ValueSpan.Length + 2);

    /// <summary>Fails with a message naming <paramref name="what"/> unless the current token has the expected type.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type) throw new CompositionException($"{what} must be {Describe(type)}, not {Describe(reader.TokenType)}");
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.Null => "null",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => type.ToString(),
    };
}
