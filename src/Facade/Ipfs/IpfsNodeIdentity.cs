namespace Facade.Ipfs;

/// <summary>The node's <c>id</c>: peer id, agent and the addresses it listens on.</summary>
internal sealed record IpfsNodeIdentity(string Id, string? AgentVersion, IReadOnlyList<string> Addresses);
