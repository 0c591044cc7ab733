using System.ComponentModel.DataAnnotations;

namespace Facade.Configuration;

/// <summary>The facade's configuration, bound from the <c>Facade</c> section.</summary>
public sealed class FacadeOptions
{
    public const string Section = "Facade";

    /// <summary>Upstream registries by name (the name is what <c>?ns=</c> and path prefixes match).</summary>
    public Dictionary<string, UpstreamOptions> Upstreams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The upstream used when a request names none.</summary>
    public string? DefaultUpstream { get; set; }

    public CacheOptions Cache { get; set; } = new();

    public PushOptions Push { get; set; } = new();

    public UpstreamTimeoutOptions Timeouts { get; set; } = new();

    /// <summary>On SIGTERM, how long in-flight responses and fills may take before they are aborted.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Registries that image specs name without a configured upstream (Gitpod's behaviour).</summary>
    public OnDemandUpstreamOptions OnDemandUpstreams { get; set; } = new();
}

/// <summary>
/// Upstreams made when an image spec names a registry that is not configured: HTTPS, or plain
/// HTTP for a loopback host (as Docker and containerd treat localhost). Only composition uses
/// them; mirror requests still need a configured upstream (never an open proxy).
/// </summary>
public sealed class OnDemandUpstreamOptions
{
    public bool Enabled { get; set; }
    /// <summary>A Docker <c>config.json</c> with credentials for such registries (Gitpod's <c>dockerAuth</c>).</summary>
    public string? DockerConfig { get; set; }
}

/// <summary>One upstream registry.</summary>
public sealed class UpstreamOptions
{
    /// <summary>Base URL, e.g. <c>http://127.0.0.1:5000</c> (scheme, host and port only: a path is refused at start).</summary>
    [Required] public string Url { get; set; } = "";
    /// <summary>False switches the upstream off (the built-in <c>docker.io</c> one, say: <c>Facade__Upstreams__docker.io__Enabled=false</c>).</summary>
    public bool Enabled { get; set; } = true;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>Path to a Docker <c>config.json</c> to take credentials from.</summary>
    public string? DockerConfig { get; set; }
    /// <summary>
    /// Token services (host[:port], or a URL whose host[:port] is taken) that may receive this
    /// upstream's credentials when its Bearer challenge names them as realm. Without an entry,
    /// credentials go to a realm only on the upstream's own host (the Hub's registry also trusts
    /// the Hub's token service).
    /// </summary>
    public List<string> TokenRealms { get; set; } = [];
    /// <summary>Whether pushes may be passed through to this upstream.</summary>
    public bool Writable { get; set; }
    /// <summary>
    /// PEM file of root CAs trusted for this upstream's TLS connections (a registry behind a
    /// private CA), in addition to the system's roots.
    /// </summary>
    public string? CaFile { get; set; }
    /// <summary>
    /// Ask for HTTP/2 (taken when the upstream offers it over TLS); false keeps every request on
    /// HTTP/1.1, for a path whose middleboxes break HTTP/2.
    /// </summary>
    public bool Http2 { get; set; } = true;
}

/// <summary>The disk cache.</summary>
public sealed class CacheOptions
{
    /// <summary>Where blobs and manifests are kept, content-addressed.</summary>
    public string Directory { get; set; } = "cache";
    /// <summary>Size bound; least recently used entries are evicted beyond it.</summary>
    [Range(1L, long.MaxValue)] public long MaxBytes { get; set; } = 20L * 1024 * 1024 * 1024;
    /// <summary>How long a tag resolved upstream is trusted before asking again.</summary>
    public TimeSpan TagTtl { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Memory for recently read manifests (least recently used dropped beyond it).</summary>
    [Range(0L, long.MaxValue)] public long ManifestMemoryBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>Re-hash every cached entry in the background after start (damaged ones are dropped).</summary>
    public bool VerifyOnStart { get; set; }
}

/// <summary>Push pass-through.</summary>
public sealed class PushOptions
{
    public bool Enabled { get; set; }
}

/// <summary>Upstream timeouts: about progress, not whole transfers.</summary>
public sealed class UpstreamTimeoutOptions
{
    /// <summary>Time to establish a connection.</summary>
    public TimeSpan Connect { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Longest wait for response headers or for the next byte of a body.</summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Attempts for idempotent requests (1 = no retry).</summary>
    [Range(1, 10)] public int Attempts { get; set; } = 3;
}
