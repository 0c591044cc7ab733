using System.Text.RegularExpressions;
using Daemon.Content.Git;
using Daemon.Protos.ContentService;
using Facade.Shared.Oci;

namespace Daemon.Content.Initializers;

/// <summary>Checks an initializer completely before anything is created, so bad input changes nothing.</summary>
internal sealed partial class InitializerValidator(ArchiveTransfer transfer)
{
    private const int MaxDepth = 8;
    private const int MaxNodes = 256;

    /// <summary>Throws InvalidArgument for the first problem found.</summary>
    public void Validate(WorkspaceInitializer initializer)
    {
        var nodes = 0;
        Visit(initializer, 0, ref nodes);
    }

    private void Visit(WorkspaceInitializer initializer, int depth, ref int nodes)
    {
        if (depth > MaxDepth || ++nodes > MaxNodes) throw ContentException.Invalid("the initializer is nested too deeply or too large");
        switch (initializer.SpecCase)
        {
            case WorkspaceInitializer.SpecOneofCase.Empty:
                break;
            case WorkspaceInitializer.SpecOneofCase.Git:
                ValidateGit(initializer.Git);
                break;
            case WorkspaceInitializer.SpecOneofCase.Snapshot:
                ValidateSnapshot(initializer.Snapshot);
                break;
            case WorkspaceInitializer.SpecOneofCase.Prebuild:
                if (initializer.Prebuild.Prebuild is { } snapshot) ValidateSnapshot(snapshot);
                foreach (var git in initializer.Prebuild.Git) ValidateGit(git);
                break;
            case WorkspaceInitializer.SpecOneofCase.Composite:
                foreach (var child in initializer.Composite.Initializer) Visit(child, depth + 1, ref nodes);
                break;
            case WorkspaceInitializer.SpecOneofCase.Download:
                ValidateDownload(initializer.Download);
                break;
            case WorkspaceInitializer.SpecOneofCase.Backup:
                if (initializer.Backup.FromVolumeSnapshot) throw ContentException.Invalid("volume snapshots are not supported");
                SafePath.Resolve("/", initializer.Backup.CheckoutLocation, "checkout_location");
                break;
            default:
                throw ContentException.Invalid("the initializer has no spec");
        }
    }

    private static void ValidateGit(GitInitializer git)
    {
        if (!IsRemote(git.RemoteUri)) throw ContentException.Invalid("git remote_uri must be a URL or path not starting with '-'");
        if (git.UpstreamRemoteUri.Length > 0 && !IsRemote(git.UpstreamRemoteUri))
            throw ContentException.Invalid("git upstream_Remote_uri must be a URL or path not starting with '-'");
        SafePath.Resolve("/", git.CheckoutLocation, "checkout_location");
        switch (git.TargetMode)
        {
            case CloneTargetMode.RemoteHead:
                break;
            case CloneTargetMode.RemoteCommit:
                if (!CommitPattern().IsMatch(git.CloneTaget)) throw ContentException.Invalid("clone_taget must be a commit id (hex) for REMOTE_COMMIT");
                break;
            case CloneTargetMode.RemoteBranch or CloneTargetMode.LocalBranch:
                if (!BranchPattern().IsMatch(git.CloneTaget) || git.CloneTaget.Contains("..") || git.CloneTaget.EndsWith(".lock", StringComparison.Ordinal))
                    throw ContentException.Invalid("clone_taget must be a valid branch name");
                break;
            default:
                throw ContentException.Invalid($"unknown clone target mode {git.TargetMode}");
        }
        if (git.Config is not { } config) return;
        foreach (var (key, value) in config.CustomConfig)
            if (GitConfigPolicy.Check(key, value) is { } problem) throw ContentException.Invalid(problem);
        switch (config.Authentication)
        {
            case GitAuthMethod.NoAuth:
                break;
            case GitAuthMethod.BasicAuth when config.AuthUser.Length > 0:
                break;
            case GitAuthMethod.BasicAuthOts when IsHttpUrl(config.AuthOts):
                break;
            default:
                throw ContentException.Invalid("git authentication needs auth_user (BASIC_AUTH) or an http(s) auth_ots URL (BASIC_AUTH_OTS)");
        }
    }

    private void ValidateSnapshot(SnapshotInitializer snapshot)
    {
        if (snapshot.FromVolumeSnapshot) throw ContentException.Invalid("volume snapshots are not supported");
        transfer.KeyOf(snapshot.Snapshot);
    }

    private static void ValidateDownload(FileDownloadInitializer download)
    {
        SafePath.Resolve("/", download.TargetLocation, "target_location");
        foreach (var file in download.Files)
        {
            if (!IsHttpUrl(file.Url)) throw ContentException.Invalid("download url must be http or https");
            SafePath.Resolve("/", file.FilePath, "file_path", allowRoot: false);
            if (!Digest.TryParse(file.Digest, out _)) throw ContentException.Invalid($"'{file.Digest}' is not a valid digest");
        }
    }

    private static bool IsRemote(string uri) => uri.Length > 0 && !uri.StartsWith('-') && !uri.Any(char.IsControl);

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[0-9a-fA-F]{4,64}$")]
    private static partial Regex CommitPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$")]
    private static partial Regex BranchPattern();
}
