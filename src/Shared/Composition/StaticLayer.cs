namespace Facade.Shared.Composition;

/// <summary>A static layer from the facade's configuration: <see cref="StaticImageLayer"/> or <see cref="StaticFileLayer"/>.</summary>
public abstract record StaticLayer;
