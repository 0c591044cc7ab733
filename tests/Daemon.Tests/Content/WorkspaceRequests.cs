using Daemon.Protos.ContentService;
using Daemon.Protos.WsDaemon;

namespace Daemon.Tests.Content;

/// <summary>Builders for the requests the tests send.</summary>
internal static class WorkspaceRequests
{
    public static InitWorkspaceRequest Init(string id, WorkspaceInitializer initializer, bool remoteStorageDisabled = false) => new()
    {
        Id = id,
        Metadata = new WorkspaceMetadata { Owner = "owner-1", MetaId = id },
        Initializer = initializer,
        RemoteStorageDisabled = remoteStorageDisabled,
    };

    public static WorkspaceInitializer Empty() => new() { Empty = new EmptyInitializer() };

    public static WorkspaceInitializer Git(string url, CloneTargetMode mode = CloneTargetMode.RemoteHead, string target = "",
        string location = "repo", bool fullClone = false, GitConfig? config = null) => new()
    {
        Git = new GitInitializer
        {
            RemoteUri = url,
            TargetMode = mode,
            CloneTaget = target,
            CheckoutLocation = location,
            FullClone = fullClone,
            Config = config,
        },
    };
}
