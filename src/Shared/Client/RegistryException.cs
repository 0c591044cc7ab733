using System.Net;
using System.Text.Json;

namespace Facade.Shared.Client;

/// <summary>
/// A registry answered with an unexpected status. Carries the first error code of the
/// distribution error envelope when there was one. The message names the method, the path
/// (never a query string, which may hold a signature) and the status.
/// </summary>
public sealed class RegistryException(string message, HttpStatusCode statusCode, string? errorCode = null)
    : Exception(message)
{
    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The first <c>errors[].code</c> of the body (e.g. <c>MANIFEST_UNKNOWN</c>), or null.</summary>
    public string? ErrorCode { get; } = errorCode;

    /// <summary>Builds the exception from a failed response, reading at most 64 KiB of its body.</summary>
    public static async Task<RegistryException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken,
        TimeSpan? progressTimeout = null)
    {
        var body = await BoundedBody.ReadSmallOrEmptyAsync(response.Content, cancellationToken, progressTimeout).ConfigureAwait(false);
        var (code, detail) = ParseEnvelope(body);
        var request = response.RequestMessage;
        var where = request?.RequestUri is { } uri ? $"{request.Method} {uri.GetLeftPart(UriPartial.Path)}" : "request";
        var text = $"{where} answered {(int)response.StatusCode}" + (code is null ? "" : $" {code}") + (detail is null ? "" : $": {detail}");
        return new RegistryException(text, response.StatusCode, code);
    }

    /// <summary>
    /// The first <c>errors[]</c> entry's code and message of a distribution error envelope, or the
    /// <c>details</c> text some token services send instead; shortened to 200 characters.
    /// </summary>
    internal static (string? Code, string? Message) ParseEnvelope(byte[] body)
    {
        if (body.Length == 0) return (null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].ValueKind == JsonValueKind.Object)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = first.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code, Shorten(message));
            }
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.String)
                return (null, Shorten(details.GetString()));
        }
        catch (JsonException)
        {
        }
        return (null, null);
    }

    private static string? Shorten(string? text) => text is { Length: > 200 } ? text[..200] + "..." : text;
}
