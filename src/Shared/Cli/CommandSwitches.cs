using System.Reflection;

namespace Facade.Shared.Cli;

/// <summary>
/// The switches every program and sub-command of the project answers the same way: help and
/// version are recognised before anything else is parsed, so they never start a server.
/// </summary>
public static class CommandSwitches
{
    /// <summary>True for <c>--help</c>, <c>-h</c> and <c>-?</c>.</summary>
    public static bool IsHelp(string argument) => argument is "--help" or "-h" or "-?";

    /// <summary>True for <c>--version</c>.</summary>
    public static bool IsVersion(string argument) => argument is "--version";

    /// <summary>True when any argument asks for help.</summary>
    public static bool WantsHelp(IEnumerable<string> arguments) => arguments.Any(IsHelp);

    /// <summary>
    /// <c>&lt;program&gt; &lt;version&gt;</c> from the entry assembly's informational version
    /// (the build adds the source revision after a <c>+</c> when it knows it).
    /// </summary>
    public static string VersionLine(string program, Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        return $"{program} {version}";
    }
}
