using Facade.TestSupport;
namespace Daemon.Tests.Content.Support;

/// <summary>
/// A real Git repository made with the CLI: three commits on <c>main</c> (the default branch) and
/// one more on <c>feature</c>. Clones use its <c>file://</c> URL so that shallow clones work.
/// </summary>
internal sealed class SourceRepository : IDisposable
{
    private readonly TempDir _dir = new("daemon-repo");

    public SourceRepository()
    {
        Git.Run(Path, "init", "-q", "-b", "main");
        for (var i = 1; i <= 3; i++)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "README.md"), $"version {i}\n");
            if (i == 2)
            {
                Directory.CreateDirectory(System.IO.Path.Combine(Path, "src"));
                File.WriteAllText(System.IO.Path.Combine(Path, "src", "main.sh"), "#!/bin/sh\necho hi\n");
                File.SetUnixFileMode(System.IO.Path.Combine(Path, "src", "main.sh"), (UnixFileMode)0b111_101_101);
            }
            Git.Run(Path, "add", "-A");
            Git.Run(Path, "commit", "-q", "-m", $"commit {i}");
            Commits.Add(Git.Run(Path, "rev-parse", "HEAD"));
        }
        Git.Run(Path, "checkout", "-q", "-b", "feature");
        File.WriteAllText(System.IO.Path.Combine(Path, "feature.txt"), "feature work\n");
        Git.Run(Path, "add", "-A");
        Git.Run(Path, "commit", "-q", "-m", "feature commit");
        FeatureHead = Git.Run(Path, "rev-parse", "HEAD");
        Git.Run(Path, "checkout", "-q", "main");
    }

    /// <summary>The repository directory.</summary>
    public string Path => _dir.Path;

    /// <summary>The clone URL.</summary>
    public string Url => "file://" + Path;

    /// <summary>Commits of main, oldest first.</summary>
    public List<string> Commits { get; } = [];

    /// <summary>Head of main.</summary>
    public string MainHead => Commits[^1];

    /// <summary>Head of the feature branch.</summary>
    public string FeatureHead { get; }

    public void Dispose() => _dir.Dispose();
}
