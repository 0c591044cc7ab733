using Facade.Redis;
using Microsoft.Extensions.Options;

namespace Facade.Ipfs;

/// <summary>IPFS features need the CID cache: switching them on without Redis is a start-up error, not a silent no-op.</summary>
internal sealed class IpfsNeedsRedisValidator(IOptions<RedisOptions> redis) : IValidateOptions<IpfsOptions>
{
    public ValidateOptionsResult Validate(string? name, IpfsOptions options) =>
        options.Enabled && !redis.Value.Enabled
            ? ValidateOptionsResult.Fail("Facade:Ipfs (Serve, Publish or RewriteManifests) needs Facade:Redis:Configuration or Facade:Redis:Sentinel: the digest -> CID map lives in Redis")
            : ValidateOptionsResult.Success;
}
