using System.Text.Json;

namespace Facade.Shared.Client;

/// <summary>Finds the <c>mediaType</c> a manifest declares in its own JSON.</summary>
internal static class ManifestMediaType
{
    /// <summary>The top-level <c>mediaType</c> string, or null when absent or not JSON.</summary>
    public static string? FromBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMediaType = reader.ValueTextEquals("mediaType"u8);
                reader.Read();
                if (isMediaType) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
