namespace Daemon.Hosting;

/// <summary>Settings under the <c>Daemon</c> configuration section.</summary>
internal sealed class DaemonOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Daemon";

    /// <summary>Absolute directory holding one sub-directory per workspace.</summary>
    public string WorkingArea { get; set; } = "";

    /// <summary>Settings of the workspace content service.</summary>
    public ContentOptions Content { get; set; } = new();

    /// <summary>Where backups and snapshots are kept.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>How file owners are mapped between the host and archives.</summary>
    public ArchiveOptions Archive { get; set; } = new();
}
