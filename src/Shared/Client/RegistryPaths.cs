using System.Text.RegularExpressions;
using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>
/// Builds distribution API paths after validating names and references, so no caller-supplied
/// text can change the shape of a URL (no <c>..</c>, no query, no encoded slashes).
/// </summary>
internal static partial class RegistryPaths
{
    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex TagPattern();

    public static string Repository(string name)
    {
        if (name.Length is 0 or > 255 || !NamePattern().IsMatch(name))
            throw new ArgumentException($"invalid repository name '{Shorten(name)}'", nameof(name));
        return name;
    }

    /// <summary>A tag or a digest, validated.</summary>
    public static string Reference(string reference)
    {
        if (Digest.TryParse(reference, out _) || TagPattern().IsMatch(reference)) return reference;
        throw new ArgumentException($"invalid reference '{Shorten(reference)}'", nameof(reference));
    }

    public static string Manifest(string name, string reference) => $"/v2/{Repository(name)}/manifests/{Reference(reference)}";

    public static string Blob(string name, Digest digest) => $"/v2/{Repository(name)}/blobs/{digest}";

    public static string Uploads(string name) => $"/v2/{Repository(name)}/blobs/uploads/";

    public static string Referrers(string name, Digest subject) => $"/v2/{Repository(name)}/referrers/{subject}";

    public static string Tags(string name) => $"/v2/{Repository(name)}/tags/list";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
