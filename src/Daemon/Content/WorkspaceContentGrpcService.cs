using Daemon.Protos.WsDaemon;
using Grpc.Core;

namespace Daemon.Content;

/// <summary>The <c>wsdaemon.WorkspaceContentService</c> endpoint: message mapping only, the work is in the lifecycle and archiving classes.</summary>
internal sealed class WorkspaceContentGrpcService(WorkspaceLifecycle lifecycle, WorkspaceArchiving archiving)
    : WorkspaceContentService.WorkspaceContentServiceBase
{
    public override async Task<InitWorkspaceResponse> InitWorkspace(InitWorkspaceRequest request, ServerCallContext context)
    {
        await lifecycle.InitAsync(request, context.CancellationToken);
        return new InitWorkspaceResponse();
    }

    public override async Task<WaitForInitResponse> WaitForInit(WaitForInitRequest request, ServerCallContext context)
    {
        await lifecycle.WaitAsync(request.Id, context.CancellationToken);
        return new WaitForInitResponse();
    }

    public override Task<IsWorkspaceExistsResponse> IsWorkspaceExists(IsWorkspaceExistsRequest request, ServerCallContext context) =>
        Task.FromResult(new IsWorkspaceExistsResponse { Exists = lifecycle.Exists(request.Id) });

    public override async Task<TakeSnapshotResponse> TakeSnapshot(TakeSnapshotRequest request, ServerCallContext context) =>
        new() { Url = await archiving.SnapshotAsync(request.Id, request.ReturnImmediately, context.CancellationToken) };

    public override async Task<DisposeWorkspaceResponse> DisposeWorkspace(DisposeWorkspaceRequest request, ServerCallContext context) =>
        new() { GitStatus = await lifecycle.DisposeAsync(request.Id, request.Backup, context.CancellationToken) };

    public override async Task<BackupWorkspaceResponse> BackupWorkspace(BackupWorkspaceRequest request, ServerCallContext context) =>
        new() { Url = await archiving.BackupAsync(request.Id, context.CancellationToken) };
}
