namespace Facade.Shared.Composition;

/// <summary>What the composer learns from a first, read-only pass over the base manifest.</summary>
/// <param name="MediaType">The manifest's own media type (inferred from the config's when absent).</param>
/// <param name="LayersSize">The sum of the base layer sizes.</param>
internal readonly record struct ManifestSummary(string MediaType, long LayersSize);
