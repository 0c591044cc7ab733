namespace Daemon.Hosting;

/// <summary>The remote storage backends for backups and snapshots.</summary>
internal enum StorageKind
{
    /// <summary>A directory on this machine.</summary>
    Local,

    /// <summary>An S3-compatible object store.</summary>
    S3,

    /// <summary>An OCI registry, archives stored as artifacts.</summary>
    Oci,
}
