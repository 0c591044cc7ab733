using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>The one rule for a fetched manifest's media type.</summary>
internal static class ManifestMediaType
{
    /// <summary>
    /// The declared <c>Content-Type</c> when it is a manifest type; else what the bytes say (their
    /// <c>mediaType</c>, or their shape: an OCI manifest may omit the field); null when that is no
    /// manifest type either (a registry answering <c>application/json</c> for an unknown document).
    /// </summary>
    public static string? Of(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        var declared = response.Content.Headers.ContentType?.MediaType;
        if (MediaTypes.IsManifest(declared)) return declared;
        try
        {
            var inferred = ManifestDocument.Parse(body).InferMediaType();
            return MediaTypes.IsManifest(inferred) ? inferred : null;
        }
        catch (ManifestFormatException)
        {
            return null;
        }
    }
}
