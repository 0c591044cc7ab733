using Daemon.Protos.ContentService;

namespace Daemon.Content.Git;

/// <summary>Reads the <see cref="GitStatus"/> of a workspace's repository, like <c>git status</c> plus unpushed commits.</summary>
internal sealed class GitStatusReader(GitCli git, ILogger<GitStatusReader> logger)
{
    /// <summary>Lists are cut at this many entries; the totals stay exact.</summary>
    public const int MaxListed = 100;

    /// <summary>The status, or null when the workspace holds no repository or git cannot read it.</summary>
    public async Task<GitStatus?> TryReadAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (FindRepository(workspace) is not { } repository) return null;
        try
        {
            return await ReadAsync(repository, cancellationToken);
        }
        catch (ContentException e)
        {
            ContentLog.GitStatusUnavailable(logger, workspace.Id, e.Message);
            return null;
        }
    }

    private async Task<GitStatus> ReadAsync(string repository, CancellationToken cancellationToken)
    {
        var status = new GitStatus
        {
            Branch = (await git.RunAsync(repository, ["rev-parse", "--abbrev-ref", "HEAD"], null, cancellationToken)).Trim(),
            LatestCommit = (await git.RunAsync(repository, ["rev-parse", "HEAD"], null, cancellationToken)).Trim(),
        };
        var porcelain = await git.RunAsync(repository, ["status", "--porcelain=v1", "-z", "--untracked-files=all"], null, cancellationToken);
        var (uncommitted, untracked) = ParsePorcelain(porcelain);
        var unpushed = (await git.RunAsync(repository, ["log", "--format=%h: %s", "--branches", "--not", "--remotes"], null, cancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        status.UncommitedFiles.AddRange(uncommitted.Take(MaxListed));
        status.TotalUncommitedFiles = uncommitted.Count;
        status.UntrackedFiles.AddRange(untracked.Take(MaxListed));
        status.TotalUntrackedFiles = untracked.Count;
        status.UnpushedCommits.AddRange(unpushed.Take(MaxListed));
        status.TotalUnpushedCommits = unpushed.Length;
        return status;
    }

    /// <summary>Splits <c>git status --porcelain=v1 -z</c> output into changed and untracked paths.</summary>
    public static (List<string> Uncommitted, List<string> Untracked) ParsePorcelain(string output)
    {
        List<string> uncommitted = [], untracked = [];
        var records = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < records.Length; i++)
        {
            var record = records[i];
            if (record.Length < 4) continue;
            var code = record[..2];
            if (code == "??") untracked.Add(record[3..]);
            else if (code != "!!") uncommitted.Add(record[3..]);
            // A rename or copy is followed by a record holding its original path.
            if (code[0] is 'R' or 'C') i++;
        }
        return (uncommitted, untracked);
    }

    // The initializer's first checkout; after a restore, the root or the first directory holding a repository.
    private static string? FindRepository(Workspace workspace)
    {
        var candidates = workspace.GitLocations.Select(l => Path.Combine(workspace.Directory, l))
            .Append(workspace.Directory)
            .Concat(Directory.Exists(workspace.Directory)
                ? Directory.GetDirectories(workspace.Directory).Order(StringComparer.Ordinal)
                : []);
        return candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, ".git")) && new DirectoryInfo(c).LinkTarget is null);
    }
}
