using Facade.Blobs;
using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Http;

/// <summary>
/// Writes a blob response: headers, 304, <c>Range</c> (206/416), and the body straight from its
/// source. A failure before the first byte answers the OCI error; after it, the connection is
/// aborted instead of ending cleanly.
/// </summary>
internal sealed partial class BlobResponder(FacadeMetrics metrics, ILogger<BlobResponder> log)
{
    public const string BlobContentType = "application/octet-stream";

    /// <summary>
    /// Headers of a blob whose length is known (HEAD, and GET before the body). Returns the error
    /// to answer with instead when the range cannot be served; write it with
    /// <see cref="WriteRangeErrorAsync"/>.
    /// </summary>
    public static OciError? WriteHeaders(HttpContext context, Digest digest, long length, out ByteRange? range)
    {
        var request = context.Request;
        var response = context.Response;
        range = null;
        ContentHeaders.Set(response, digest, BlobContentType, length);
        response.Headers.AcceptRanges = "bytes";
        if (ContentHeaders.NotModified(request, digest))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            return null;
        }
        switch (ByteRange.TryParse(request.Headers.Range, length, out var parsed))
        {
            case ByteRange.Outcome.Malformed:
            case ByteRange.Outcome.Unsatisfiable:
                return new OciError(OciErrorCode.RangeInvalid, $"range '{request.Headers.Range}' is not satisfiable for {length} bytes");
            case ByteRange.Outcome.Satisfiable:
                range = parsed;
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.ContentLength = parsed.Length;
                response.Headers.ContentRange = $"bytes {parsed.Offset}-{parsed.End - 1}/{length}";
                return null;
            default:
                response.StatusCode = StatusCodes.Status200OK;
                return null;
        }
    }

    /// <summary>A 416 that says the blob's length, as HTTP asks.</summary>
    public static Task WriteRangeErrorAsync(HttpContext context, OciError error, long length) =>
        OciResults.WriteErrorAsync(context, error, $"bytes */{length}");

    /// <summary>What a request reads of a blob: a range from byte 0 to the end is a whole read, so it takes the verified path.</summary>
    public static BlobRead ReadOf(HttpRequest request)
    {
        if (HttpMethods.IsHead(request.Method)) return BlobRead.Head;
        var range = request.Headers.Range.ToString().Trim();
        if (range.Length == 0) return BlobRead.Whole;
        return range.Replace(" ", "", StringComparison.Ordinal).Equals("bytes=0-", StringComparison.OrdinalIgnoreCase) ? BlobRead.Whole : BlobRead.Range;
    }

    /// <summary>Sends a blob for GET or HEAD (the bytes, or a redirect to where they are).</summary>
    public async Task WriteAsync(HttpContext context, Digest digest, BlobContent content)
    {
        var response = context.Response;
        if (content is RedirectBlobContent redirect)
        {
            response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            response.Headers.Location = redirect.Url;
            response.Headers["Docker-Content-Digest"] = digest.Value;
            return;
        }
        ByteRange? range = null;
        if (content.Length is { } length)
        {
            if (WriteHeaders(context, digest, length, out range) is { } error)
            {
                await WriteRangeErrorAsync(context, error, length).ConfigureAwait(false);
                return;
            }
            if (response.StatusCode == StatusCodes.Status304NotModified) return;
        }
        else
        {
            ContentHeaders.Set(response, digest, BlobContentType, null);
        }
        if (HttpMethods.IsHead(context.Request.Method)) return;
        try
        {
            var sent = await content.CopyToAsync(range, response.BodyWriter, context.RequestAborted).ConfigureAwait(false);
            metrics.BytesServed(content.Source, sent);
            if (RequestLog.For(context) is { } record) (record.Source, record.Bytes) = (content.Source, sent);
            // A copy ends short when the client went away (its flush came back completed), and a
            // short body must never end cleanly. Kestrel learns of the closed connection from its
            // transport a moment later; ending the request first would make it report the short
            // body as an application error, so it is told now.
            if ((range?.Length ?? content.Length) is { } expected && sent < expected) context.Abort();
        }
        catch (UpstreamException e)
        {
            // Before the first byte went out the client can still get the error itself (a 502
            // naming the upstream); after it, only a broken connection says the body is not whole.
            LogAborted(digest.Value, e.Error.Message ?? "");
            await OciResults.WriteErrorAsync(context, e.Error).ConfigureAwait(false);
        }
        catch (IOException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogAborted(digest.Value, e.Message);
            context.Abort();
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "response for blob {Digest} failed: {Reason}")]
    private partial void LogAborted(string digest, string reason);
}
