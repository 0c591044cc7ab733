using System.Diagnostics.CodeAnalysis;

namespace Facade.Shared.Oci;

/// <summary>
/// Validation of repository names and tags by the distribution grammar: components of
/// <c>[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*</c> joined by <c>/</c>, at most 255 characters; tags
/// <c>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</c>. Hand-written scanners: no regex on the request path.
/// </summary>
public static class RepositoryName
{
    /// <summary>The longest repository name accepted.</summary>
    public const int MaxLength = 255;

    /// <summary>True when the whole text is a valid repository name.</summary>
    public static bool IsValid([NotNullWhen(true)] string? name) =>
        name is not null && IsValid(name.AsSpan());

    /// <summary>True when the whole text is a valid repository name.</summary>
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength) return false;
        foreach (var range in name.Split('/'))
        {
            if (!IsValidComponent(name[range])) return false;
        }
        return true;
    }

    /// <summary>True for one path component of a repository name.</summary>
    public static bool IsValidComponent(ReadOnlySpan<char> component)
    {
        if (component.IsEmpty || !IsAlnum(component[0]) || !IsAlnum(component[^1])) return false;
        for (var i = 1; i < component.Length - 1; i++)
        {
            var c = component[i];
            if (IsAlnum(c) || c == '-') continue;
            if (c == '.' && IsAlnum(component[i + 1])) continue;
            if (c == '_')
            {
                // one or two underscores, then an alphanumeric
                if (IsAlnum(component[i + 1])) continue;
                if (component[i + 1] == '_' && i + 2 < component.Length && IsAlnum(component[i + 2])) { i++; continue; }
            }
            return false;
        }
        return true;
    }

    /// <summary>True when the text is a valid tag.</summary>
    public static bool IsValidTag(ReadOnlySpan<char> tag)
    {
        if (tag.IsEmpty || tag.Length > 128) return false;
        var first = tag[0];
        if (!(IsAlnumMixed(first) || first == '_')) return false;
        foreach (var c in tag[1..])
        {
            if (!(IsAlnumMixed(c) || c is '_' or '.' or '-')) return false;
        }
        return true;
    }

    private static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsAlnumMixed(char c) => IsAlnum(c) || c is >= 'A' and <= 'Z';
}
