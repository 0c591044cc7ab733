namespace Facade.Ipfs;

/// <summary>The node's error body.</summary>
internal sealed record KuboError(string? Message, int Code, string? Type);
