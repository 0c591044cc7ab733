namespace Facade.Ipfs;

/// <summary><c>id</c> answer.</summary>
internal sealed record KuboId(string? ID, string? AgentVersion, List<string>? Addresses);
