namespace Facade.Shared.Composition;

/// <summary>A static layer made of all the layers of an image (its Env modifiers and skip-n label apply).</summary>
/// <param name="Image">The resolved image.</param>
public sealed record StaticImageLayer(AddonImage Image) : StaticLayer;
