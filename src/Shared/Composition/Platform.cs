namespace Facade.Shared.Composition;

/// <summary>An image platform, <c>os/architecture[/variant]</c>.</summary>
/// <param name="Os">The operating system, e.g. <c>linux</c>.</param>
/// <param name="Architecture">The CPU architecture, e.g. <c>amd64</c>.</param>
/// <param name="Variant">The CPU variant, e.g. <c>v7</c>, or null.</param>
public sealed record Platform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>The platform used when a request names none: linux/amd64.</summary>
    public static readonly Platform Default = new("linux", "amd64");

    /// <summary>Parses <c>os/architecture[/variant]</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static Platform Parse(string text)
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
            throw new FormatException($"platform '{text}' is not os/architecture[/variant]");
        return new Platform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>
    /// The variant with the usual defaults filled in, so that <c>arm64</c> equals <c>arm64/v8</c>
    /// and <c>arm</c> equals <c>arm/v7</c>.
    /// </summary>
    public string NormalizedVariant => (Architecture, Variant ?? "") switch
    {
        ("arm64", "" or "v8") => "",
        ("arm", "") => "v7",
        (_, var v) => v,
    };

    /// <summary>True when this platform and <paramref name="other"/> run the same images.</summary>
    public bool Matches(Platform other) =>
        Os == other.Os && Architecture == other.Architecture && NormalizedVariant == other.NormalizedVariant;

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
