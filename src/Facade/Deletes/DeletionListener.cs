using Facade.Redis;

namespace Facade.Deletes;

/// <summary>
/// Subscribes this replica to the deletions other replicas publish. When Redis is unreachable at
/// start the subscription is retried in the background; once made, the Redis client restores it
/// after reconnects.
/// </summary>
internal sealed partial class DeletionListener(ReplicaChannel channel, DeletePropagation propagation, ILogger<DeletionListener> log)
    : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    // Subscribing before the server takes requests means no deletion published meanwhile is missed.
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (channel.Enabled && await TrySubscribeAsync(cancellationToken).ConfigureAwait(false)) return;
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!channel.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Retry, stoppingToken).ConfigureAwait(false);
            if (await TrySubscribeAsync(stoppingToken).ConfigureAwait(false)) return;
        }
    }

    private async Task<bool> TrySubscribeAsync(CancellationToken ct)
    {
        var subscribed = await channel.SubscribeAsync(DeletePropagation.ChannelName, ReceiveAsync, ct).ConfigureAwait(false);
        propagation.Listening = subscribed;
        if (subscribed) LogSubscribed(channel.ReplicaId);
        return subscribed;
    }

    private async Task ReceiveAsync(string message)
    {
        try
        {
            await propagation.ReceiveAsync(message).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A handler failure must not take the subscription down; the sender's wait times out and logs.
            LogReceiveFailed(e);
        }
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "replica {Replica} receives deletions from other replicas")]
    private partial void LogSubscribed(string replica);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Error, Message = "applying a deletion from another replica failed")]
    private partial void LogReceiveFailed(Exception exception);
}
