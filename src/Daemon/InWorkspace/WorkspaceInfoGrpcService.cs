using Daemon.InWorkspace.Api;
using Grpc.Core;

namespace Daemon.InWorkspace;

/// <summary>The WorkspaceInfoService of one workspace, answered from its cgroup.</summary>
internal sealed class WorkspaceInfoGrpcService(WorkspaceSession session, InWorkspaceToolkit toolkit) : WorkspaceInfoService.WorkspaceInfoServiceBase
{
    /// <inheritdoc />
    public override Task<WorkspaceInfoResponse> WorkspaceInfo(WorkspaceInfoRequest request, ServerCallContext context) =>
        toolkit.CGroups.InfoAsync(session, context.CancellationToken);
}
