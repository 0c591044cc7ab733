using Facade.Tests.Ipfs;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.IpfsServing;

/// <summary>Facade settings for a real Redis and IPFS node, tuned for a busy test machine.</summary>
internal static class IpfsServingSettings
{
    public static List<(string Key, string Value)> For(RedisServer redis, IpfsNodeFixture ipfs) =>
    [
        ("Facade:Redis:Configuration", redis.Configuration),
        ("Facade:Ipfs:Api", ipfs.ApiUrl),
        ("Facade:Ipfs:Timeout", "00:00:30"),
        // Redis is advisory with a short default timeout; on a busy test machine a slow answer
        // would silently turn a recorded CID into a miss and make these checks flaky.
        ("Facade:Redis:OperationTimeout", "00:00:05"),
        ("Facade:Timeouts:Attempts", "1"),
        // A node that is merely slow here must not look absent.
        ("Facade:Ipfs:FirstByteTimeout", "00:00:10"),
    ];
}
