using Facade.Blobs;
using Microsoft.Extensions.Time.Testing;

namespace Facade.Tests.Unit;

/// <summary>The idle watchdog on a fake clock: only time spent inside a read counts toward a stall.</summary>
public sealed class IdleWatchdogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    [Fact]
    public void A_read_waiting_past_the_timeout_cancels_the_token()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new IdleWatchdog(Timeout, time, CancellationToken.None);
        watchdog.Reading();
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(watchdog.Token.IsCancellationRequested);
        // Noticed by the tick after the timeout: within 1.25 x of it.
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(watchdog.Token.IsCancellationRequested);
    }

    [Fact]
    public void Time_between_reads_does_not_count()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new IdleWatchdog(Timeout, time, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            watchdog.Reading();
            time.Advance(TimeSpan.FromSeconds(6));
            watchdog.Read();
            // A slow client holds the transfer between reads far longer than the timeout.
            time.Advance(TimeSpan.FromSeconds(30));
        }
        Assert.False(watchdog.Token.IsCancellationRequested);
    }

    [Fact]
    public void The_outer_token_cancels_it()
    {
        using var outer = new CancellationTokenSource();
        using var watchdog = new IdleWatchdog(Timeout, new FakeTimeProvider(), outer.Token);
        outer.Cancel();
        Assert.True(watchdog.Token.IsCancellationRequested);
    }
}
