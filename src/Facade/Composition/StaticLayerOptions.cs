namespace Facade.Composition;

/// <summary>One static layer (<c>Facade:Composition:StaticLayers:&lt;n&gt;</c>), added first to every composed image.</summary>
public sealed class StaticLayerOptions
{
    /// <summary><c>image</c>: all layers of the image <see cref="Ref"/>; <c>file</c>: the local tar or tar.gz at <see cref="Ref"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>An image reference or a file path, depending on <see cref="Type"/>.</summary>
    public string Ref { get; set; } = "";
}
