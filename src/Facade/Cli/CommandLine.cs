namespace Facade.Cli;

/// <summary>Sub-commands that run instead of the server.</summary>
internal static class CommandLine
{
    /// <summary>Runs a sub-command when the first argument names one.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        switch (args[0])
        {
            case "setup-containerd":
                exitCode = SetupContainerdCommand.Run(args[1..], Console.Out, Console.Error);
                return true;
            case "ipfs-publish":
                exitCode = IpfsPublishCommand.RunAsync(args[1..], Console.Out, Console.Error).GetAwaiter().GetResult();
                return true;
            case "--help" or "-h" or "help":
                Console.Out.WriteLine("""
                    usage: Facade [configuration arguments]       run the registry facade
                           Facade setup-containerd --facade URL [--registry NAME ...] [--certs-dir DIR]
                                                                  write containerd hosts.toml files
                           Facade ipfs-publish <image-ref> [configuration arguments]
                                                                  add every layer of an image to IPFS, CIDs to Redis
                    """);
                return true;
            default:
                return false;
        }
    }
}
