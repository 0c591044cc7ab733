using Facade.Shared.Errors;

namespace Facade.Http;

/// <summary>Writes distribution error envelopes.</summary>
internal static class OciResults
{
    private static readonly string[] ContentDescribingHeaders =
        ["Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "ETag", "Docker-Content-Digest", "Link"];

    /// <summary>Answers with the error's status and envelope (headers only for HEAD).</summary>
    public static Task WriteErrorAsync(HttpContext context, OciError error, string? contentRange = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late for a status: the only honest signal left is to break the connection.
            context.Abort();
            return Task.CompletedTask;
        }
        // Headers describing content that is no longer sent go; the API version header stays.
        foreach (var name in ContentDescribingHeaders) response.Headers.Remove(name);
        if (contentRange is not null) response.Headers.ContentRange = contentRange;
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        // A challenge already set (client authentication's configured realm) is kept.
        if (error.Code == OciErrorCode.Unauthorized && response.Headers.WWWAuthenticate.Count == 0)
            response.Headers.WWWAuthenticate = "Basic realm=\"registry facade\"";
        var body = error.ToEnvelope();
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}
