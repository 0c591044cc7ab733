using System.Collections.Concurrent;

namespace Facade.Push;

/// <summary>
/// How many bytes each upload session passed through the facade holds, learnt from the
/// upstream's answers (0 after POST, the end of <c>Range</c> + 1 after PATCH). It lets the facade
/// refuse an out-of-order chunk itself, since some upstreams append it anyway. Advisory: an
/// unknown session is asked for its status instead. Bounded: the oldest sessions are forgotten.
/// </summary>
internal sealed class UploadOffsets(TimeProvider clock)
{
    private const int MaxSessions = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    public long? Get(string upstream, string session) =>
        _sessions.TryGetValue(Key(upstream, session), out var entry) ? entry.Size : null;

    public void Set(string upstream, string session, long size)
    {
        if (_sessions.Count >= MaxSessions) Trim();
        _sessions[Key(upstream, session)] = new Entry(size, clock.GetUtcNow());
    }

    public void Forget(string upstream, string session) => _sessions.TryRemove(Key(upstream, session), out _);

    /// <summary>The size an upload <c>Range</c> header (<c>0-&lt;last&gt;</c>) states; null when absent or ambiguous.</summary>
    /// <remarks>Registries answer <c>0-0</c> both for an empty session and for one byte, so that value says nothing.</remarks>
    public static long? SizeFromRange(string? range)
    {
        if (string.IsNullOrEmpty(range)) return null;
        var dash = range.IndexOf('-');
        if (dash < 0 || !long.TryParse(range.AsSpan(dash + 1), out var last) || last < 0) return null;
        return last == 0 ? null : last + 1;
    }

    private void Trim()
    {
        foreach (var (key, _) in _sessions.OrderBy(s => s.Value.Updated).Take(MaxSessions / 10).ToList())
            _sessions.TryRemove(key, out _);
    }

    private static string Key(string upstream, string session) => upstream + "|" + session;

    private sealed record Entry(long Size, DateTimeOffset Updated);
}
