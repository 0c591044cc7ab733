using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;
using Google.Protobuf;

namespace Daemon.Cli;

/// <summary>Builds an <see cref="InitWorkspaceRequest"/> from <c>ctl init</c> arguments.</summary>
internal static class InitRequestBuilder
{
    /// <summary>The request for <c>init &lt;id&gt; ...</c>.</summary>
    public static InitWorkspaceRequest Build(CtlArguments args)
    {
        var request = new InitWorkspaceRequest
        {
            Id = args.Require(1, "workspace id"),
            Metadata = new WorkspaceMetadata { Owner = args.Get("--owner") ?? "", MetaId = args.Get("--meta-id") ?? "" },
            RemoteStorageDisabled = args.Has("--no-remote-storage"),
            StorageQuotaBytes = long.TryParse(args.Get("--quota") ?? "0", out var quota) ? quota : throw new CtlUsageException("--quota must be a number"),
            Initializer = Initializer(args),
        };
        return request;
    }

    private static WorkspaceInitializer Initializer(CtlArguments args)
    {
        if (args.Get("--initializer") is { } json)
        {
            try
            {
                return JsonParser.Default.Parse<WorkspaceInitializer>(json);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new CtlUsageException($"--initializer is not a valid WorkspaceInitializer: {e.Message}");
            }
        }
        if (args.Get("--git") is { } remote) return new WorkspaceInitializer { Git = Git(remote, args) };
        if (args.Get("--snapshot") is { } snapshot) return new WorkspaceInitializer { Snapshot = new SnapshotInitializer { Snapshot = snapshot } };
        if (args.Has("--from-backup")) return new WorkspaceInitializer { Backup = new FromBackupInitializer() };
        if (args.Has("--empty")) return new WorkspaceInitializer { Empty = new EmptyInitializer() };
        throw new CtlUsageException("init needs one of --empty, --git URI, --snapshot URL, --from-backup, --initializer JSON");
    }

    private static GitInitializer Git(string remote, CtlArguments args) => new()
    {
        RemoteUri = remote,
        TargetMode = (args.Get("--mode") ?? "head") switch
        {
            "head" => CloneTargetMode.RemoteHead,
            "commit" => CloneTargetMode.RemoteCommit,
            "branch" => CloneTargetMode.RemoteBranch,
            "local-branch" => CloneTargetMode.LocalBranch,
            var other => throw new CtlUsageException($"--mode '{other}' is not head, commit, branch or local-branch"),
        },
        CloneTaget = args.Get("--target") ?? "",
        CheckoutLocation = args.Get("--location") ?? "",
        FullClone = args.Has("--full"),
    };
}
