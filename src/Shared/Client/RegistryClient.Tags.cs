using System.Text.Json;

namespace Facade.Shared.Client;

public sealed partial class RegistryClient
{
    private const int MaxTagPages = 1000;

    /// <summary>
    /// Lists a repository's tags, following <c>Link: &lt;...&gt;; rel="next"</c> pages (at most
    /// <paramref name="pageSize"/> per page when given); empty when the repository is unknown.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var tags = new List<string>();
        var next = RegistryPaths.Tags(repository) + (pageSize is { } n ? $"?n={n}" : "");
        for (var page = 0; next is not null && page < MaxTagPages; page++)
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(next)), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return tags;
            await EnsureAsync(response, cancellationToken).ConfigureAwait(false);
            var body = await BoundedBody.ReadAsync(response.Content, MaxManifestBytes, cancellationToken).ConfigureAwait(false);
            ReadTags(body, tags);
            next = NextLink(response);
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

    /// <summary>The path and query of the <c>rel="next"</c> link, or null.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (var value in values)
        {
            var open = value.IndexOf('<');
            var close = value.IndexOf('>');
            if (open < 0 || close <= open || !value.Contains("rel=\"next\"", StringComparison.Ordinal)) continue;
            var target = value[(open + 1)..close];
            // Only the path and query are taken: a page link must not send the client to another host.
            if (Uri.TryCreate(target, UriKind.Absolute, out var absolute)) return absolute.PathAndQuery;
            return target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) ? target : null;
        }
        return null;
    }
}
