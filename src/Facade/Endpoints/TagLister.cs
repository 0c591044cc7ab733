using System.Net.Http.Headers;
using System.Text.Json;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Endpoints;

/// <summary>
/// Reads a repository's whole tag list from its upstream, following the upstream's own
/// <c>Link</c> pages (bounded), with every page's body capped.
/// </summary>
internal sealed class TagLister(UpstreamSender sender)
{
    private const int MaxPages = 100;
    private const int MaxPageBytes = 4 * 1024 * 1024;

    public async Task<List<string>> ListAsync(UpstreamTarget target, CancellationToken ct)
    {
        var tags = new List<string>();
        var uri = target.Upstream.V2($"{target.Repository}/tags/list");
        for (var page = 0; page < MaxPages; page++)
        {
            using var response = await sender.SendAsync(target.Upstream, HttpMethod.Get, uri, null, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new UpstreamException(UpstreamFailure.FromStatus(target.Upstream, response.StatusCode, OciErrorCode.NameUnknown));
            if (response.Content.Headers.ContentLength > MaxPageBytes)
                throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {target.Upstream.Name} sent an oversized tag list"));
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            try
            {
                var list = JsonSerializer.Deserialize(body, OciJsonContext.Default.TagList);
                if (list?.Tags is { } some) tags.AddRange(some);
            }
            catch (JsonException)
            {
                throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {target.Upstream.Name} sent an invalid tag list"));
            }
            if (NextPage(response.Headers, uri) is not { } next) return tags;
            uri = next;
        }
        return tags;
    }

    // Link: </v2/name/tags/list?last=x&n=y>; rel="next", resolved against the upstream only.
    private static Uri? NextPage(HttpResponseHeaders headers, Uri current)
    {
        if (!headers.TryGetValues("Link", out var values)) return null;
        foreach (var value in values)
        {
            var open = value.IndexOf('<');
            var close = value.IndexOf('>');
            if (open < 0 || close <= open || !value.Contains("rel=\"next\"", StringComparison.Ordinal)) continue;
            var next = new Uri(current, value[(open + 1)..close]);
            return next.Authority == current.Authority ? next : null;
        }
        return null;
    }
}
