namespace Facade.Shared.Composition;

/// <summary>The resolved parts of an image spec, from which the planner orders the addenda.</summary>
/// <param name="StaticLayers">Static layers from configuration, first.</param>
/// <param name="Ide">The <c>ide_ref</c> image, if the spec names one.</param>
/// <param name="Supervisor">The <c>supervisor_ref</c> image, if the spec names one.</param>
/// <param name="IdeLayers">The <c>ide_layer_ref</c> images, in spec order.</param>
/// <param name="Content">The content layers, in spec order, last.</param>
public sealed record PlanInput(
    IReadOnlyList<StaticLayer> StaticLayers,
    AddonImage? Ide,
    AddonImage? Supervisor,
    IReadOnlyList<AddonImage> IdeLayers,
    IReadOnlyList<ContentSource> Content);
