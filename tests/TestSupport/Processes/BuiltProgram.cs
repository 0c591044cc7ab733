using System.Diagnostics;

namespace Facade.TestSupport;

/// <summary>
/// One of the project's programs (<c>Facade</c>, <c>Daemon</c>) as built next to the test
/// assembly, run with <c>dotnet</c> the way an operator runs it.
/// </summary>
public sealed class BuiltProgram(string assemblyName)
{
    /// <summary>The program's dll in the test output directory.</summary>
    public string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    /// <summary>The informational version the build stamped into the dll (the file's product version).</summary>
    public string? ProductVersion => FileVersionInfo.GetVersionInfo(Path).ProductVersion;

    /// <summary>Runs the program to completion; a program that does not finish in time fails the test.</summary>
    public Task<ToolResult> RunAsync(params string[] args) => Tool.RunAsync("dotnet", [Path, .. args], TimeSpan.FromSeconds(60));
}
