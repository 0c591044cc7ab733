using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Facade.Gitpod;

/// <summary>Adds a Gitpod registry-facade config file to the configuration when one is named.</summary>
internal static class GitpodConfigurationExtensions
{
    /// <summary>The command-line option naming the file (<c>--gitpod-config &lt;file&gt;</c>).</summary>
    public const string Option = "gitpod-config";

    /// <summary>The configuration key naming the file.</summary>
    public const string Key = "Facade:GitpodConfig";

    /// <summary>
    /// Reads <c>--gitpod-config</c> (or <c>Facade:GitpodConfig</c>) and inserts the file's settings
    /// just above appsettings.json: environment variables and the command line still override it.
    /// </summary>
    public static void AddGitpodConfig(this ConfigurationManager configuration)
    {
        var path = configuration[Option] ?? configuration[Key];
        if (string.IsNullOrWhiteSpace(path)) return;
        var sources = configuration.Sources;
        var index = 0;
        while (index < sources.Count && sources[index] is not EnvironmentVariablesConfigurationSource) index++;
        sources.Insert(index, new GitpodConfigurationSource(path));
    }
}
