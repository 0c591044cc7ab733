namespace Facade.Ipfs;

/// <summary><c>files/stat</c> answer.</summary>
internal sealed record KuboStat(string? Hash, long Size, long CumulativeSize, int Blocks, string? Type);
