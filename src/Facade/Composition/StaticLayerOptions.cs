namespace Facade.Composition;

/// <summary>One static layer: all layers of an image, or a local tar / tar.gz file.</summary>
public sealed class StaticLayerOptions
{
    /// <summary>An image reference (for <see cref="StaticLayerType.Image"/>) or a file path (for <see cref="StaticLayerType.File"/>).</summary>
    public string Ref { get; set; } = "";

    public StaticLayerType Type { get; set; } = StaticLayerType.Image;
}

/// <summary>What a static layer's <see cref="StaticLayerOptions.Ref"/> names.</summary>
public enum StaticLayerType
{
    Image,
    File,
}
