using Facade.Shared.Cli;

namespace Facade.Cli;

/// <summary>Sub-commands that run instead of the server, and the server's help and version.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Runs a sub-command when the first argument names one; else answers <c>--help</c> or
    /// <c>--version</c> anywhere in the server's arguments (they are not configuration keys).
    /// </summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args[0] is not ("setup-containerd" or "ipfs-publish"))
        {
            if (args.Any(CommandSwitches.IsVersion))
            {
                Console.Out.WriteLine(CommandSwitches.VersionLine("Facade", typeof(CommandLine).Assembly));
                return true;
            }
            if (args.Any(a => CommandSwitches.IsHelp(a) || a == "help"))
            {
                Console.Out.WriteLine(Usage);
                return true;
            }
        }
        switch (args[0])
        {
            case "setup-containerd":
                exitCode = SetupContainerdCommand.Run(args[1..], Console.Out, Console.Error);
                return true;
            case "ipfs-publish":
                exitCode = IpfsPublishCommand.RunAsync(args[1..], Console.Out, Console.Error).GetAwaiter().GetResult();
                return true;
            default:
                return false;
        }
    }

    private const string Usage = """
        usage: Facade [configuration arguments]       run the registry facade
               Facade setup-containerd --facade URL [--registry NAME ...] [--certs-dir DIR] [--server URL]
                                                      write containerd hosts.toml files
               Facade ipfs-publish <image-ref> [configuration arguments]
                                                      add every layer of an image to IPFS, CIDs to Redis
               Facade --version                       print the version
               Facade <command> --help                usage of a command

        Configuration arguments are --Section:Key=value (see the README), e.g.
        --Urls=http://0.0.0.0:5000 --Facade:Cache:Directory=/var/cache/facade
        """;
}
