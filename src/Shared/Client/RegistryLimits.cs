using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>Caps on what the client reads into memory: each is a bound a hostile registry cannot move.</summary>
public static class RegistryLimits
{
    /// <summary>A manifest, an index or a referrers answer (the reference registry's own bound).</summary>
    public const int Manifest = RawManifest.MaxSize;

    /// <summary>One page of a tag list.</summary>
    public const int TagPage = 4 * 1024 * 1024;

    /// <summary>All pages of one tag list together.</summary>
    public const int TagList = 16 * 1024 * 1024;

    /// <summary>Pages of one tag list followed.</summary>
    public const int TagPages = 100;
}
