using System.Diagnostics.CodeAnalysis;

namespace Facade.Shared.Oci;

/// <summary>
/// An image reference <c>[registry/]name[:tag][@digest]</c>, normalised the way container
/// runtimes do: no registry means <c>docker.io</c>, and a single-component name on
/// <c>docker.io</c> gets <c>library/</c>. When neither tag nor digest is given the tag is
/// <c>latest</c>.
/// </summary>
public sealed record Reference(string Registry, string Repository, string? Tag, Digest? Digest)
{
    /// <summary>The registry assumed when a reference names none.</summary>
    public const string DefaultRegistry = "docker.io";

    /// <summary>The tag or digest to ask a registry for (the digest wins when both are set).</summary>
    public string Identifier => Digest?.Value ?? Tag ?? "latest";

    /// <summary>Parses a reference; throws <see cref="FormatException"/> when invalid.</summary>
    public static Reference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses a reference without throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Reference? reference, out string error)
    {
        reference = null;
        error = string.Empty;
        if (string.IsNullOrEmpty(text)) { error = "empty image reference"; return false; }
        var rest = text;
        Digest? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            if (!Oci.Digest.TryParse(rest[(at + 1)..], out var parsed)) { error = $"invalid digest in reference '{text}'"; return false; }
            digest = parsed;
            rest = rest[..at];
        }
        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!RepositoryName.IsValidTag(tag)) { error = $"invalid tag in reference '{text}'"; return false; }
        }
        var registry = DefaultRegistry;
        var firstSlash = rest.IndexOf('/');
        if (firstSlash > 0 && LooksLikeHost(rest.AsSpan(0, firstSlash)))
        {
            registry = rest[..firstSlash];
            rest = rest[(firstSlash + 1)..];
        }
        if (registry == DefaultRegistry && !rest.Contains('/')) rest = "library/" + rest;
        if (!RepositoryName.IsValid(rest)) { error = $"invalid repository name in reference '{text}'"; return false; }
        reference = new Reference(registry, rest, tag ?? (digest is null ? "latest" : null), digest);
        return true;
    }

    /// <summary>The canonical text form.</summary>
    public override string ToString()
    {
        var text = $"{Registry}/{Repository}";
        if (Tag is not null) text += ":" + Tag;
        if (Digest is { } d) text += "@" + d.Value;
        return text;
    }

    // A first component is a registry host when it has a dot or a port, or is "localhost".
    private static bool LooksLikeHost(ReadOnlySpan<char> component) =>
        component.Contains('.') || component.Contains(':') || component.SequenceEqual("localhost")
        || component.ContainsAnyInRange('A', 'Z');
}
