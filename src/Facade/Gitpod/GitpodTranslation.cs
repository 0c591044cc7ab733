namespace Facade.Gitpod;

/// <summary>The facade settings a Gitpod config stands for, and the keys of it that mean nothing here.</summary>
internal sealed record GitpodTranslation(IReadOnlyDictionary<string, string?> Settings, IReadOnlyList<string> UnknownKeys);
