namespace Facade.Ipfs;

/// <summary>One line of the node's <c>add</c> answer (newline-delimited JSON).</summary>
internal sealed record KuboAddLine(string? Name, string? Hash, long Size);
