namespace Facade.Shared.Composition;

/// <summary>A content layer from the image spec: <see cref="DirectContent"/> or <see cref="RemoteContent"/>.</summary>
public abstract record ContentSource;
