namespace Facade.Blobs;

/// <summary>
/// A single byte range from a <c>Range</c> header (<c>bytes=a-b</c>, <c>bytes=a-</c>,
/// <c>bytes=-n</c>), resolved against the blob length.
/// </summary>
internal readonly record struct ByteRange(long Offset, long Length)
{
    public long End => Offset + Length;

    /// <summary>Result of parsing a header against a length.</summary>
    public enum Outcome { None, Satisfiable, Unsatisfiable, Malformed }

    /// <summary>Parses one range; multi-range requests are refused as malformed (blobs are served as one part).</summary>
    public static Outcome TryParse(string? header, long length, out ByteRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(header)) return Outcome.None;
        var text = header.AsSpan().Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return Outcome.Malformed;
        text = text[6..].Trim();
        if (text.Contains(',')) return Outcome.Malformed;
        var dash = text.IndexOf('-');
        if (dash < 0) return Outcome.Malformed;
        var first = text[..dash].Trim();
        var last = text[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            if (!TryNumber(last, out var suffix)) return Outcome.Malformed;
            if (suffix == 0 || length == 0) return Outcome.Unsatisfiable;
            var take = Math.Min(suffix, length);
            range = new ByteRange(length - take, take);
            return Outcome.Satisfiable;
        }
        if (!TryNumber(first, out var start)) return Outcome.Malformed;
        long end;
        if (last.IsEmpty) end = length - 1;
        else if (!TryNumber(last, out end) || end < start) return Outcome.Malformed;
        if (start >= length) return Outcome.Unsatisfiable;
        end = Math.Min(end, length - 1);
        range = new ByteRange(start, end - start + 1);
        return Outcome.Satisfiable;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18) return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
