using System.Collections.Concurrent;
using System.Net;

namespace Facade.Auth;

/// <summary>
/// Counts failed authentications per client address in fixed windows. An address over the
/// limit is refused (429) until its window ends, before any bcrypt work is done for it, so
/// guessing passwords is slow and cannot burn the server's CPU. Bounded: expired windows are
/// swept when the table grows.
/// </summary>
internal sealed class FailedAttempts
{
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Window> _windows = new();
    private readonly TimeProvider _clock;
    private readonly int _max;
    private readonly TimeSpan _length;

    public FailedAttempts(TimeProvider clock, int max, TimeSpan length)
    {
        _clock = clock;
        _max = max;
        _length = length;
    }

    /// <summary>How long <paramref name="address"/> must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(IPAddress address)
    {
        if (!_windows.TryGetValue(address, out var window)) return null;
        var now = _clock.GetUtcNow();
        if (now >= window.Ends)
        {
            _windows.TryRemove(KeyValuePair.Create(address, window));
            return null;
        }
        return window.Count >= _max ? window.Ends - now : null;
    }

    /// <summary>Counts one failure of <paramref name="address"/>.</summary>
    public void Record(IPAddress address)
    {
        var now = _clock.GetUtcNow();
        if (_windows.Count >= SweepThreshold) Sweep(now);
        _windows.AddOrUpdate(address,
            _ => new Window(now + _length, 1),
            (_, w) => now >= w.Ends ? new Window(now + _length, 1) : w with { Count = w.Count + 1 });
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (address, window) in _windows)
            if (now >= window.Ends) _windows.TryRemove(KeyValuePair.Create(address, window));
    }

    private sealed record Window(DateTimeOffset Ends, int Count);
}
