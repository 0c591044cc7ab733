using Facade.Shared.Oci;

namespace Facade.Http;

/// <summary>The headers every manifest and blob response carries, and conditional requests.</summary>
internal static class ContentHeaders
{
    public static void Set(HttpResponse response, Digest digest, string contentType, long? length)
    {
        response.ContentType = contentType;
        if (length is { } l) response.ContentLength = l;
        response.Headers["Docker-Content-Digest"] = digest.Value;
        response.Headers.ETag = $"\"{digest.Value}\"";
    }

    /// <summary>True when <c>If-None-Match</c> names this digest (quoted or not, or <c>*</c>).</summary>
    public static bool NotModified(HttpRequest request, Digest digest)
    {
        foreach (var header in request.Headers.IfNoneMatch)
        {
            if (header is null) continue;
            foreach (var tag in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var bare = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
                if (bare == "*" || bare.Trim('"') == digest.Value) return true;
            }
        }
        return false;
    }
}
