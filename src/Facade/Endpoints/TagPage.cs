using System.Text.Json;
using Facade.Shared.Oci;

namespace Facade.Endpoints;

/// <summary>
/// Tag list pagination done by the facade: tags in lexical order, those after <c>last</c>, at most
/// <c>n</c>, and a <c>Link</c> to the next page when more remain. Upstreams that ignore
/// <c>n</c>/<c>last</c> (or return tags unsorted) still give clients what the spec promises.
/// </summary>
internal static class TagPage
{
    /// <summary>The largest page size accepted; larger requests are capped.</summary>
    public const int MaxPageSize = 10_000;

    public static (byte[] Body, string? NextLast) Build(string name, IEnumerable<string> tags, int? n, string? last)
    {
        var ordered = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).AsEnumerable();
        if (!string.IsNullOrEmpty(last)) ordered = ordered.Where(t => string.CompareOrdinal(t, last) > 0);
        var all = ordered.ToList();
        var page = n is { } size ? all.Take(size).ToList() : all;
        var nextLast = n is not null && page.Count > 0 && all.Count > page.Count ? page[^1] : null;
        var body = JsonSerializer.SerializeToUtf8Bytes(new TagList { Name = name, Tags = page }, OciJsonContext.Default.TagList);
        return (body, nextLast);
    }

    /// <summary>Parses <c>n</c>: absent is null; a negative or non-numeric value is invalid.</summary>
    public static bool TryParseN(string? text, out int? n)
    {
        n = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return false;
        n = Math.Min(value, MaxPageSize);
        return true;
    }
}
