using StackExchange.Redis;

namespace Facade.Redis;

/// <summary>
/// Messages among the replicas sharing one Redis (pub/sub under the key prefix), with counted
/// acknowledgements so a sender can wait until every replica that received a message has acted
/// on it. Advisory like every Redis use: when Redis is down nothing is sent and nobody waits.
/// </summary>
internal sealed class ReplicaChannel(AdvisoryRedis redis, TimeProvider clock)
{
    private static readonly TimeSpan AckLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan AckPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>This process's identity among the replicas (messages it sent itself are ignored).</summary>
    public string ReplicaId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>True when Redis is configured, so there may be other replicas.</summary>
    public bool Enabled => redis.Enabled;

    /// <summary>Subscribes <paramref name="handler"/> to a channel; false when Redis could not be reached.</summary>
    public Task<bool> SubscribeAsync(string name, Func<string, Task> handler, CancellationToken cancellationToken) =>
        redis.RunSubscriberAsync("channel.subscribe", async subscriber =>
        {
            await subscriber.SubscribeAsync(redis.Channel(name), (_, value) => { var ignored = handler(value.ToString()); }).ConfigureAwait(false);
            return true;
        }, false, cancellationToken);

    /// <summary>Publishes a message; returns how many subscriptions received it (0 when Redis is down).</summary>
    public Task<long> PublishAsync(string name, string message, CancellationToken cancellationToken) =>
        redis.RunSubscriberAsync("channel.publish", subscriber => subscriber.PublishAsync(redis.Channel(name), message), 0L, cancellationToken);

    /// <summary>Acknowledges the message <paramref name="id"/>.</summary>
    public Task AckAsync(string id, CancellationToken cancellationToken) =>
        redis.RunAsync("channel.ack", async db =>
        {
            await db.StringIncrementAsync(AckKey(id)).ConfigureAwait(false);
            await db.KeyExpireAsync(AckKey(id), AckLifetime).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Waits until <paramref name="expected"/> acknowledgements of <paramref name="id"/> arrived; false after <paramref name="limit"/>.</summary>
    public async Task<bool> WaitForAcksAsync(string id, long expected, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + limit;
        while (true)
        {
            var acks = await redis.RunAsync("channel.acks", async db => (long?)await db.StringGetAsync(AckKey(id)).ConfigureAwait(false) ?? 0,
                -1L, cancellationToken).ConfigureAwait(false);
            if (acks >= expected) return true;
            if (acks < 0 || clock.GetUtcNow() >= deadline) return false;
            await Task.Delay(AckPoll, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RedisKey AckKey(string id) => "ack:" + id;
}
