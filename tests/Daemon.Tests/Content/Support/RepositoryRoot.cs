namespace Daemon.Tests.Content.Support;

/// <summary>Finds the repository root (the directory holding Facade.sln) from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Facade.sln"))) return dir.FullName;
        throw new InvalidOperationException("Facade.sln not found above " + AppContext.BaseDirectory);
    }
}
