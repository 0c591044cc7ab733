namespace Facade.Push;

/// <summary>An upload chunk's <c>Content-Range</c>: <c>&lt;start&gt;-&lt;end&gt;</c>, both inclusive.</summary>
internal readonly record struct ContentRange(long Start, long End)
{
    /// <summary>Parses the header (a <c>bytes </c> prefix is tolerated); false when it is malformed.</summary>
    public static bool TryParse(string? text, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        if (value.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase)) value = value[6..].Trim();
        var slash = value.IndexOf('/');
        if (slash >= 0) value = value[..slash];
        var dash = value.IndexOf('-');
        if (dash <= 0 || !long.TryParse(value.AsSpan(0, dash), out var start) || !long.TryParse(value.AsSpan(dash + 1), out var end)
            || start < 0 || end < start)
            return false;
        range = new ContentRange(start, end);
        return true;
    }
}
