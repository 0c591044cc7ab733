namespace Daemon.Linux;

/// <summary>Mounts proc and sysfs with the sensitive parts masked; runs inside the workspace's namespaces.</summary>
internal static class MaskedMounts
{
    private const ulong Hardened = Mounts.NoSuid | Mounts.NoDev | Mounts.NoExec;

    /// <summary>
    /// Mounts a proc for the caller's PID namespace at <paramref name="target"/> and masks it. The proc
    /// is prepared in a root-only staging directory beside the target and moved into place whole, so
    /// no workspace process can open an unmasked file in between.
    /// </summary>
    public static void MountProc(string target)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("proc exists on Linux only");
        }

        EnsureDirectory(target);
        var staging = Path.Combine(Path.GetDirectoryName(target)!, $".iws-stage-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only parent leaves no room for staging; mask in place instead.
            MountMaskedProc(target);
            return;
        }

        try
        {
            MountMaskedProc(staging);
            try
            {
                Mounts.Mount(staging, target, null, Mounts.Move);
            }
            catch (SysCallException e) when (e.ErrorNumber == Errno.EINVAL)
            {
                // A shared parent mount cannot give up a child by moving it.
                Mounts.Unmount(staging, Mounts.Detach);
                MountMaskedProc(target);
            }
        }
        finally
        {
            Directory.Delete(staging);
        }
    }

    private static void MountMaskedProc(string target)
    {
        Mounts.Mount("proc", target, "proc", Hardened);
        try
        {
            foreach (var file in ProcMasks.HiddenFiles)
            {
                var path = Path.Combine(target, file);
                if (File.Exists(path))
                {
                    Mounts.Mount("/dev/null", path, null, Mounts.Bind);
                }
            }

            HideDirectories(target, ProcMasks.HiddenDirectories);
            foreach (var directory in ProcMasks.ReadOnlyDirectories)
            {
                var path = Path.Combine(target, directory);
                if (Directory.Exists(path))
                {
                    // A bind mount only becomes read-only through a second, remounting call.
                    Mounts.Mount(path, path, null, Mounts.Bind | Mounts.Recursive);
                    Mounts.Mount(path, path, null, Mounts.Bind | Mounts.Remount | Mounts.ReadOnly | Hardened);
                }
            }
        }
        catch
        {
            // Never leave an unmasked proc behind.
            Mounts.Unmount(target, Mounts.Detach);
            throw;
        }
    }

    /// <summary>Mounts a read-only sysfs for the caller's network namespace with firmware data hidden.</summary>
    public static void MountSysfs(string target)
    {
        EnsureDirectory(target);
        Mounts.Mount("sysfs", target, "sysfs", Hardened | Mounts.ReadOnly);
        try
        {
            HideDirectories(target, ProcMasks.HiddenSysfsDirectories);
        }
        catch
        {
            Mounts.Unmount(target, Mounts.Detach);
            throw;
        }
    }

    /// <summary>Creates the target directory, refusing any symlink on the way so it cannot be redirected.</summary>
    public static void EnsureDirectory(string target)
    {
        var current = "/";
        foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
            {
                throw new SysCallException("lstat", $"{current} is a symbolic link", Errno.EINVAL);
            }

            if (!info.Exists)
            {
                if (File.Exists(current))
                {
                    throw new SysCallException("mkdir", $"{current} is not a directory", Errno.ENOTDIR);
                }

                Directory.CreateDirectory(current);
            }
        }
    }

    private static void HideDirectories(string target, IEnumerable<string> directories)
    {
        foreach (var directory in directories)
        {
            var path = Path.Combine(target, directory);
            if (Directory.Exists(path))
            {
                Mounts.Mount("tmpfs", path, "tmpfs", Hardened | Mounts.ReadOnly, "size=0");
            }
        }
    }
}
