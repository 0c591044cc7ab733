namespace Daemon.InWorkspace;

/// <summary>The operations the per-workspace servers share; one instance lives in the daemon's container.</summary>
internal sealed record InWorkspaceToolkit(
    IdMapper IdMapper,
    NamespaceMounter Mounter,
    NetworkSetup Network,
    CGroupOperations CGroups,
    UserNamespacePreparer UserNamespace,
    TeardownOperation Teardown);
