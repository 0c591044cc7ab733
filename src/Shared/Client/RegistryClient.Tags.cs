using System.Net;
using System.Text.Json;

namespace Facade.Shared.Client;

public sealed partial class RegistryClient
{
    /// <summary>
    /// Lists a repository's tags, following <c>Link: &lt;...&gt;; rel="next"</c> pages on the same
    /// host (at most <paramref name="pageSize"/> per page when given); null when the repository is
    /// unknown. Each page is capped at <see cref="RegistryLimits.TagPage"/> bytes (a chunked page
    /// too), the whole list at <see cref="RegistryLimits.TagList"/> bytes and
    /// <see cref="RegistryLimits.TagPages"/> pages; beyond a cap it throws <see cref="InvalidDataException"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ListTagsAsync(string repository, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var tags = new List<string>();
        var next = Url(RegistryPaths.Tags(repository) + (pageSize is { } n ? $"?n={n}" : ""));
        var total = 0L;
        for (var page = 0; next is not null; page++)
        {
            if (page == RegistryLimits.TagPages)
                throw new InvalidDataException($"tag list of {repository} from {RegistryHost.Of(BaseUri)} has more than {RegistryLimits.TagPages} pages");
            using var response = await SendAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && page == 0) return null;
            await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
            var body = await ReadAsync(response, RegistryLimits.TagPage, cancellationToken).ConfigureAwait(false);
            total += body.Length;
            if (total > RegistryLimits.TagList)
                throw new InvalidDataException($"tag list of {repository} from {RegistryHost.Of(BaseUri)} exceeds {RegistryLimits.TagList} bytes");
            ReadTags(body, tags);
            next = NextLink(response, next);
        }
        return tags;
    }

    private static void ReadTags(byte[] body, List<string> tags)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                tags.AddRange(list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }
        }
        catch (JsonException)
        {
            throw new InvalidDataException("tag list is not valid JSON");
        }
    }

    /// <summary>The <c>rel="next"</c> page, resolved against the current one; null when absent or on another host.</summary>
    private static Uri? NextLink(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (var value in values)
        {
            var open = value.IndexOf('<');
            var close = value.IndexOf('>');
            if (open < 0 || close <= open || !value.Contains("rel=\"next\"", StringComparison.Ordinal)) continue;
            // A page link must not send the client, with its credentials, to another host.
            return Uri.TryCreate(current, value[(open + 1)..close], out var next) && next.Authority == current.Authority
                && next.Scheme == current.Scheme ? next : null;
        }
        return null;
    }
}
