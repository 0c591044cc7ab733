using Daemon.Protos.ContentService;

namespace Daemon.Content.Git;

/// <summary>Produces a Git checkout for a <see cref="GitInitializer"/>: a fresh clone, or an update of one restored from a snapshot.</summary>
internal sealed class GitCheckout(GitCli git, IHttpClientFactory http)
{
    /// <summary>Clones into the (empty or missing) checkout location and leaves it at the target.</summary>
    public async Task CloneAsync(Workspace workspace, GitInitializer init, CancellationToken cancellationToken)
    {
        var target = Locate(workspace, init);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw ContentException.Precondition($"checkout location '{init.CheckoutLocation}' is not empty");
        Directory.CreateDirectory(target);
        var credentials = await GitCredentials.ResolveAsync(init.Config, http, cancellationToken);
        string[] depth = init.FullClone ? [] : ["--depth=1"];
        string[] branch = init.TargetMode == CloneTargetMode.RemoteBranch ? ["--branch", init.CloneTaget] : [];
        await git.RunAsync(workspace.Directory, ["clone", .. depth, .. branch, "--", init.RemoteUri, target], credentials, cancellationToken);
        await ReachTargetAsync(target, init, depth, credentials, cancellationToken);
        await ConfigureAsync(target, init, cancellationToken);
        workspace.GitLocations.Add(Path.GetRelativePath(workspace.Directory, target));
    }

    /// <summary>Brings a checkout restored from a snapshot to the target; clones when the snapshot has none.</summary>
    public async Task UpdateAsync(Workspace workspace, GitInitializer init, CancellationToken cancellationToken)
    {
        var target = Locate(workspace, init);
        if (!Directory.Exists(Path.Combine(target, ".git")))
        {
            await CloneAsync(workspace, init, cancellationToken);
            return;
        }
        var credentials = await GitCredentials.ResolveAsync(init.Config, http, cancellationToken);
        string[] depth = init.FullClone ? [] : ["--depth=1"];
        if (init.TargetMode != CloneTargetMode.RemoteBranch)
            await git.RunAsync(target, ["fetch", .. depth, "origin"], credentials, cancellationToken);
        else
        {
            var b = init.CloneTaget;
            // A shallow clone tracks one branch only; the remote must know the new one before it can be tracked.
            await git.RunAsync(target, ["remote", "set-branches", "--add", "origin", b], null, cancellationToken);
            await git.RunAsync(target, ["fetch", .. depth, "origin"], credentials, cancellationToken);
            await git.RunAsync(target, ["checkout", "-B", b, "--track", $"origin/{b}"], null, cancellationToken);
        }
        await ReachTargetAsync(target, init, depth, credentials, cancellationToken);
        await ConfigureAsync(target, init, cancellationToken);
        workspace.GitLocations.Add(Path.GetRelativePath(workspace.Directory, target));
    }

    private static string Locate(Workspace workspace, GitInitializer init)
    {
        var target = SafePath.Resolve(workspace.Directory, init.CheckoutLocation, "checkout_location");
        SafePath.RequireNoSymlinks(workspace.Directory, target, "checkout_location");
        return target;
    }

    // Remote head and remote branch are reached by the clone (or fetch) itself.
    private async Task ReachTargetAsync(string target, GitInitializer init, string[] depth, GitCredentials? credentials, CancellationToken cancellationToken)
    {
        switch (init.TargetMode)
        {
            case CloneTargetMode.RemoteCommit:
                var commit = init.CloneTaget;
                if (!await HasCommitAsync(target, commit, cancellationToken))
                    await git.RunAsync(target, ["fetch", .. depth, "origin", commit], credentials, cancellationToken);
                await git.RunAsync(target, ["checkout", "--detach", commit], null, cancellationToken);
                break;
            case CloneTargetMode.LocalBranch:
                await git.RunAsync(target, ["checkout", "-b", init.CloneTaget], null, cancellationToken);
                break;
        }
    }

    private async Task<bool> HasCommitAsync(string target, string commit, CancellationToken cancellationToken)
    {
        try
        {
            await git.RunAsync(target, ["cat-file", "-e", $"{commit}^{{commit}}"], null, cancellationToken);
            return true;
        }
        catch (ContentException)
        {
            return false;
        }
    }

    private async Task ConfigureAsync(string target, GitInitializer init, CancellationToken cancellationToken)
    {
        if (init.UpstreamRemoteUri.Length > 0)
        {
            var remotes = await git.RunAsync(target, ["remote"], null, cancellationToken);
            var verb = remotes.Split('\n').Contains("upstream") ? "set-url" : "add";
            await git.RunAsync(target, ["remote", verb, "upstream", init.UpstreamRemoteUri], null, cancellationToken);
        }
        foreach (var (key, value) in init.Config?.CustomConfig ?? [])
            await git.RunAsync(target, ["config", "--local", "--", key, value], null, cancellationToken);
    }
}
