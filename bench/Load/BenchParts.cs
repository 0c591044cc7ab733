namespace Facade.Load;

/// <summary>The measurements one invocation runs.</summary>
[Flags]
internal enum BenchParts
{
    None = 0,

    /// <summary>Upstream vs facade vs distribution proxy (blob throughput, cold pulls, manifests).</summary>
    Load = 1,

    /// <summary>Cold blob pulls served from IPFS vs from the upstream.</summary>
    Ipfs = 2,

    /// <summary>Latency of composed manifests (<c>remote/</c> and <c>fixed/</c>).</summary>
    Compose = 4,

    All = Load | Ipfs | Compose,

    /// <summary>Cold pulls, 1 and N clients: facade vs distribution proxy vs the upstream read directly (only when named).</summary>
    Cold = 16,

    /// <summary>A TLS + HTTP/2 upstream at 20 ms RTT: facade cold pull vs a direct client on the same path (only when named).</summary>
    Tls = 32,

    /// <summary>The soak: mixed load for many minutes with a flapping upstream and a restart (only when named).</summary>
    Soak = 8,
}
