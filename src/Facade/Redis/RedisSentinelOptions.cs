namespace Facade.Redis;

/// <summary><c>Facade:Redis:Sentinel</c>: a master found and followed through Redis Sentinel.</summary>
internal sealed class RedisSentinelOptions
{
    /// <summary>The monitored master's name (<c>sentinel monitor &lt;name&gt; ...</c>).</summary>
    public string? ServiceName { get; set; }

    /// <summary>Sentinel endpoints, <c>host:port</c>.</summary>
    public List<string> Endpoints { get; set; } = [];
}
