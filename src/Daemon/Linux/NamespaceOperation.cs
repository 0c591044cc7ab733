namespace Daemon.Linux;

/// <summary>What the namespace helper does once it runs inside the workspace's namespaces.</summary>
internal enum NamespaceOperation
{
    /// <summary>Mount a masked proc at the target.</summary>
    MountProc,

    /// <summary>Mount a sysfs at the target.</summary>
    MountSysfs,

    /// <summary>Mount an NFS export at the target.</summary>
    MountNfs,

    /// <summary>Detach whatever is mounted at the target.</summary>
    Unmount,
}
