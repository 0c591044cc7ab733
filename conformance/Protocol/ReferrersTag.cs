using System.Text;

namespace Conformance.Protocol;

/// <summary>
/// The referrers tag schema: the tag under which clients keep the referrers index of a digest on a
/// registry without the referrers API (algorithm cut to 32 characters, a hyphen, encoded part cut
/// to 64, every character a tag cannot hold turned into '-').
/// </summary>
internal static class ReferrersTag
{
    /// <summary>The referrers tag of <paramref name="digest"/> (<c>algorithm:encoded</c>).</summary>
    public static string Of(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        var algorithm = digest[..colon];
        var encoded = digest[(colon + 1)..];
        return TagSafe(algorithm[..Math.Min(32, algorithm.Length)]) + "-" + TagSafe(encoded[..Math.Min(64, encoded.Length)]);
    }

    private static string TagSafe(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-');
        }

        return builder.ToString();
    }
}
