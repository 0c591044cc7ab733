using Facade.Shared.Ipfs;

namespace Facade.Redis;

/// <summary>What is known about a blob on IPFS: its CID and, when recorded, its media type.</summary>
internal sealed record CidCacheEntry(Cid Cid, string? MediaType);
