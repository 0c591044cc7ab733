namespace Daemon.Hosting;

/// <summary>Backup and snapshot storage (<c>Daemon:Storage</c>); only the section of <see cref="Kind"/> is read.</summary>
internal sealed class StorageOptions
{
    /// <summary>Which backend is used.</summary>
    public StorageKind Kind { get; set; } = StorageKind.Local;

    /// <summary>Settings of the local directory backend.</summary>
    public LocalStorageOptions Local { get; set; } = new();

    /// <summary>Settings of the S3 backend.</summary>
    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>Settings of the OCI registry backend.</summary>
    public OciStorageOptions Oci { get; set; } = new();
}
