namespace Facade.Redis;

/// <summary>Configuration section <c>Facade:Redis</c>. Redis is off when <see cref="Configuration"/> is empty.</summary>
internal sealed class RedisOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Facade:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prepended to every key (e.g. <c>facade:</c>); empty keeps Gitpod's bare keys.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>Longest wait for one Redis call before it counts as a miss.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait for a connection attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Password, kept out of <see cref="Configuration"/> (it may contain commas); Gitpod's <c>REDIS_PASSWORD</c>.</summary>
    public string? Password { get; set; }

    /// <summary>Accept any server certificate over TLS (Gitpod's <c>insecureSkipVerify</c>).</summary>
    public bool InsecureSkipVerify { get; set; }

    /// <summary>True when a Redis server is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
