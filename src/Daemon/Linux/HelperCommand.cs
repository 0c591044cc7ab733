namespace Daemon.Linux;

/// <summary>How to start the daemon's own binary for the namespace helper.</summary>
/// <param name="File">The executable: the daemon's apphost or the dotnet host.</param>
/// <param name="Prefix">Arguments before the helper verb (the daemon's dll under the dotnet host).</param>
internal sealed record HelperCommand(string File, IReadOnlyList<string> Prefix)
{
    /// <summary>
    /// Resolves the command from an explicit path (apphost or dll) or, when absent, from where
    /// the daemon assembly was loaded, so it works both as a published binary and under a test host.
    /// </summary>
    public static HelperCommand Resolve(string? configuredPath)
    {
        var path = string.IsNullOrWhiteSpace(configuredPath) ? typeof(HelperCommand).Assembly.Location : configuredPath;
        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new HelperCommand(path, []);
        }

        var host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return new HelperCommand(host, [path]);
    }
}
