namespace Facade.Shared.Composition;

/// <summary>A static layer from a local tar or tar.gz, already described by the caller.</summary>
/// <param name="Addendum">The layer's descriptor, diff id and history entry.</param>
public sealed record StaticFileLayer(Addendum Addendum) : StaticLayer;
