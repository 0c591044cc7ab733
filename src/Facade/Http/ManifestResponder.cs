using Facade.Shared.Errors;
using Facade.Shared.Oci;

namespace Facade.Http;

/// <summary>Writes a manifest response: negotiation, headers, 304, HEAD without a body.</summary>
internal static class ManifestResponder
{
    public static async Task WriteAsync(HttpContext context, RawManifest manifest)
    {
        var request = context.Request;
        if (!AcceptNegotiation.Accepts(request.Headers.Accept, manifest.MediaType))
        {
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.ManifestUnknown,
                $"manifest is {manifest.MediaType}, which the request's Accept header excludes")).ConfigureAwait(false);
            return;
        }
        var response = context.Response;
        ContentHeaders.Set(response, manifest.Digest, manifest.MediaType, manifest.Bytes.Length);
        if (ContentHeaders.NotModified(request, manifest.Digest))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        if (HttpMethods.IsHead(request.Method)) return;
        await response.BodyWriter.WriteAsync(manifest.Bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
