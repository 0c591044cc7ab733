namespace Daemon.Linux;

/// <summary>
/// The hidden subcommand the daemon runs as a child inside a workspace's PID, mount (and network)
/// namespaces. .NET starts threads before Main, so the daemon cannot setns into a mount namespace
/// itself; nsenter enters the namespaces, forks and execs this entry point, which then issues
/// mount(2) calls that take effect in the workspace's mount namespace.
/// </summary>
internal static class NamespaceHelper
{
    /// <summary>The first argument that selects this entry point.</summary>
    public const string Verb = "__iws-ns";

    /// <summary>Runs the helper when <paramref name="args"/> selects it; false for a normal start.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Verb)
        {
            return false;
        }

        exitCode = Run(args[1..]);
        return true;
    }

    private static int Run(string[] args)
    {
        if (args.Length < 2 || !Enum.TryParse<NamespaceOperation>(args[0], out var operation) || TargetPath.Problem(args[1]) is { } problem)
        {
            Console.Error.WriteLine($"errno:{Errno.EINVAL}:usage: {Verb} <operation> <absolute target> [source] [options]");
            return 2;
        }

        try
        {
            var target = args[1];
            switch (operation)
            {
                case NamespaceOperation.MountProc:
                    MaskedMounts.MountProc(target);
                    break;
                case NamespaceOperation.MountSysfs:
                    MaskedMounts.MountSysfs(target);
                    break;
                case NamespaceOperation.MountNfs when args.Length == 4:
                    MaskedMounts.EnsureDirectory(target);
                    Mounts.Mount(args[2], target, "nfs", Mounts.NoSuid | Mounts.NoDev, args[3]);
                    break;
                case NamespaceOperation.Unmount:
                    Mounts.Unmount(target, Mounts.Detach);
                    break;
                default:
                    Console.Error.WriteLine($"errno:{Errno.EINVAL}:missing arguments for {operation}");
                    return 2;
            }

            return 0;
        }
        catch (SysCallException e)
        {
            Console.Error.WriteLine($"errno:{e.ErrorNumber}:{e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"errno:{Errno.EACCES}:{e.Message}");
            return 1;
        }
    }
}
