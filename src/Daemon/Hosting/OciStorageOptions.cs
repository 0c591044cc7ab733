namespace Daemon.Hosting;

/// <summary>The OCI registry backend: each archive is an artifact tagged with its storage key.</summary>
internal sealed class OciStorageOptions
{
    /// <summary>Base URL of the registry, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public string Registry { get; set; } = "";

    /// <summary>Repository name holding the artifacts.</summary>
    public string Repository { get; set; } = "workspace-content";

    /// <summary>Optional user for HTTP basic authentication.</summary>
    public string Username { get; set; } = "";

    /// <summary>Optional password for HTTP basic authentication; never logged.</summary>
    public string Password { get; set; } = "";
}
