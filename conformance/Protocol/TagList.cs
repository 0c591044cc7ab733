using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.Http;
using Conformance.Running;

namespace Conformance.Protocol;

/// <summary>A parsed tags list response <c>{"name":...,"tags":[...]}</c> and its <c>Link: &lt;...&gt;; rel="next"</c>.</summary>
internal sealed partial record TagList(string Name, IReadOnlyList<string> Tags, string? Next)
{
    /// <summary>Expects 200 and a well-formed body; fails with the reason otherwise.</summary>
    public static TagList From(RegistryResponse response)
    {
        Expect.Status(response, 200);
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            var root = doc.RootElement;
            Expect.That(root.ValueKind == JsonValueKind.Object, "tags list body is not a JSON object");
            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : throw new CheckFailedException("tags list has no string 'name'");
            var tags = new List<string>();
            if (root.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array)
            {
                tags.AddRange(t.EnumerateArray().Select(e => e.GetString() ?? throw new CheckFailedException("tags list has a non-string tag")));
            }
            else
            {
                // A missing or null list means "no tags", which the specification permits.
                Expect.That(!root.TryGetProperty("tags", out var absent) || absent.ValueKind == JsonValueKind.Null, "'tags' is neither an array nor null");
            }

            return new TagList(name, tags, NextLink(response));
        }
        catch (JsonException error)
        {
            throw new CheckFailedException($"tags list is not JSON: {error.Message}");
        }
    }

    private static string? NextLink(RegistryResponse response)
    {
        var header = response.Header("Link");
        var match = header is null ? null : LinkNext().Match(header);
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""<([^>]+)>\s*;\s*rel="?next"?""")]
    private static partial Regex LinkNext();
}
