namespace Daemon.Hosting;

/// <summary>Settings of the workspace content service (<c>Daemon:Content</c>).</summary>
internal sealed class ContentOptions
{
    /// <summary><c>unix:/path/to.sock</c> or <c>http://host:port</c> (HTTP/2 without TLS).</summary>
    public string Listen { get; set; } = "http://127.0.0.1:8090";

    /// <summary>Upper bound for one git command; a hung clone must not block a workspace forever.</summary>
    public TimeSpan GitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound for one file download.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
