namespace Daemon.Hosting;

/// <summary>The local directory backend.</summary>
internal sealed class LocalStorageOptions
{
    /// <summary>Absolute directory for archives; empty means <c>&lt;WorkingArea&gt;/.storage</c>.</summary>
    public string Directory { get; set; } = "";
}
