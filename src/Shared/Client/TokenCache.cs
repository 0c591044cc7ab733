using System.Collections.Concurrent;

namespace Facade.Shared.Client;

/// <summary>
/// Bearer tokens per (registry host, scope), kept until shortly before they expire. Concurrent
/// requests for the same key share one token fetch, so a burst of pulls costs one token request.
/// </summary>
internal sealed class TokenCache(TimeProvider time)
{
    private const int PurgeThreshold = 1024;
    private readonly ConcurrentDictionary<string, BearerToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<BearerToken>>> _inFlight = new(StringComparer.Ordinal);

    public static string Key(string host, IReadOnlyList<string> scopes) => host + "|" + string.Join(' ', scopes);

    /// <summary>A usable cached token, or null.</summary>
    public BearerToken? Find(string key) =>
        _tokens.TryGetValue(key, out var token) && token.IsUsable(time.GetUtcNow()) ? token : null;

    /// <summary>Forgets a token the registry refused.</summary>
    public void Invalidate(string key, BearerToken token) =>
        _tokens.TryRemove(new KeyValuePair<string, BearerToken>(key, token));

    /// <summary>Returns a cached token or runs <paramref name="fetch"/> once for all concurrent callers.</summary>
    public async Task<BearerToken> GetOrFetchAsync(string key, Func<Task<BearerToken>> fetch)
    {
        if (Find(key) is { } cached) return cached;
        var lazy = _inFlight.GetOrAdd(key, _ => new Lazy<Task<BearerToken>>(fetch));
        try
        {
            var token = await lazy.Value.ConfigureAwait(false);
            Store(key, token);
            return token;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<BearerToken>>>(key, lazy));
        }
    }

    private void Store(string key, BearerToken token)
    {
        if (_tokens.Count >= PurgeThreshold)
        {
            var now = time.GetUtcNow();
            foreach (var entry in _tokens)
                if (!entry.Value.IsUsable(now)) _tokens.TryRemove(entry);
        }
        _tokens[key] = token;
    }
}
