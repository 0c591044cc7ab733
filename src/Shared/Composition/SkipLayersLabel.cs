using System.Globalization;

namespace Facade.Shared.Composition;

/// <summary>The <c>skip-n.registry-facade.gitpod.io</c> label: how many leading layers of an add-on image to drop.</summary>
internal static class SkipLayersLabel
{
    /// <summary>The label name.</summary>
    public const string Name = "skip-n.registry-facade.gitpod.io";

    /// <summary>
    /// Parses the label value: a uint16 (digits only). A value above the image's layer count drops
    /// every layer, as Gitpod's registry-facade does (its fixture skips 10 of 2 layers without error).
    /// </summary>
    public static int Parse(string? value, int layerCount, string imageRef)
    {
        if (value is null) return 0;
        if (!ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var skip))
            throw new CompositionException($"image '{imageRef}': label {Name}='{value}' is not an integer between 0 and 65535");
        return Math.Min(skip, layerCount);
    }
}
