namespace Facade.Ipfs;

/// <summary><c>version</c> answer.</summary>
internal sealed record KuboVersion(string? Version, string? Commit);
