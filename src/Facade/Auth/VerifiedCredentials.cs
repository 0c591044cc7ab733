using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Facade.Auth;

/// <summary>
/// Remembers successful bcrypt verifications for a short time so a pull of many blobs pays
/// bcrypt once. Keys are an HMAC of the whole <c>Authorization</c> header under a key made at
/// start-up: memory holds no password and no hash an attacker could search offline. Bounded:
/// when full, everything is forgotten (the next requests just verify again).
/// </summary>
internal sealed class VerifiedCredentials
{
    private const int MaxEntries = 4096;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _ttl;

    public VerifiedCredentials(TimeProvider clock, TimeSpan ttl)
    {
        _clock = clock;
        _ttl = ttl;
    }

    /// <summary>The cache key of a header value.</summary>
    public string KeyOf(string authorization) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(authorization)));

    /// <summary>The user a header was verified for, if that is recent and of the same htpasswd generation.</summary>
    public string? Find(string key, long generation)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (entry.Generation == generation && _clock.GetUtcNow() < entry.Expires) return entry.User;
        _entries.TryRemove(key, out _);
        return null;
    }

    /// <summary>Records a successful verification.</summary>
    public void Add(string key, string user, long generation)
    {
        if (_ttl <= TimeSpan.Zero) return;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(user, generation, _clock.GetUtcNow() + _ttl);
    }

    private sealed record Entry(string User, long Generation, DateTimeOffset Expires);
}
