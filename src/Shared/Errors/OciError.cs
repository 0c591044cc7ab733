using System.Text.Encodings.Web;
using System.Text.Json;

namespace Facade.Shared.Errors;

/// <summary>An error to report to a client: a code from the table and an optional message.</summary>
public sealed record OciError(OciErrorCode Code, string? Message = null, string? Detail = null)
{
    // Messages quote names; the envelope is JSON for API clients, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The HTTP status of this error's code.</summary>
    public int Status => OciErrorTable.Get(Code).Status;

    /// <summary>Writes the distribution envelope <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
    public byte[] ToEnvelope()
    {
        var info = OciErrorTable.Get(Code);
        using var buffer = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("code", info.Code);
            writer.WriteString("message", Message ?? info.Message);
            if (Detail is not null) writer.WriteString("detail", Detail);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
