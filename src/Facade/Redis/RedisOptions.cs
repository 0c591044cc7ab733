namespace Facade.Redis;

/// <summary>Configuration section <c>Facade:Redis</c>. Redis is off when neither <see cref="Configuration"/> nor sentinels are set.</summary>
internal sealed class RedisOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Facade:Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>redis:6379</c>; the options below are
    /// applied on top of it (and are the only way to set a CA file).
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Prepended to every key (e.g. <c>facade:</c>); empty keeps Gitpod's bare keys.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Longest wait for one Redis call before it counts as a miss.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait for a connection attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>ACL user name (Redis 6+); empty authenticates as the default user when a password is set.</summary>
    public string? User { get; set; }

    /// <summary>Password of <see cref="User"/> (or <c>requirepass</c>), kept out of <see cref="Configuration"/> (it may contain commas); Gitpod's <c>REDIS_PASSWORD</c>. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Accept any server certificate over TLS (Gitpod's <c>insecureSkipVerify</c>); the same as <see cref="RedisTlsOptions.InsecureSkipVerify"/>.</summary>
    public bool InsecureSkipVerify { get; set; }

    /// <summary>
    /// Expiry of <c>doc:&lt;digest&gt;</c> (composed and rewritten manifests and configs, which can
    /// always be computed again) written without their own expiry. Must be positive.
    /// </summary>
    public TimeSpan DocumentTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Expiry of Gitpod's <c>&lt;digest&gt;</c> -> CID and <c>mtype:&lt;digest&gt;</c> entries (and
    /// <c>verified:</c>), refreshed on every hit, so only CIDs nobody asks for expire. Zero keeps
    /// them forever, exactly as Gitpod writes them.
    /// </summary>
    public TimeSpan CidTtl { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Expiry of <c>holds:</c> and <c>holders:</c> (which repositories are known to hold which
    /// blobs), renewed whenever a holding is recorded. Forgotten knowledge costs one upstream
    /// HEAD to learn again. Must be positive.
    /// </summary>
    public TimeSpan HoldingsTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>TLS to Redis (and to the sentinels).</summary>
    public RedisTlsOptions Tls { get; set; } = new();

    /// <summary>Redis Sentinel: the master is asked of these sentinels and followed across failovers.</summary>
    public RedisSentinelOptions Sentinel { get; set; } = new();

    /// <summary>True when a Redis server (or a sentinel-managed master) is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration) || Sentinel.Endpoints.Count > 0;
}
