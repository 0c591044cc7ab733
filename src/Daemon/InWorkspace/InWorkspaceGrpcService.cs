using Daemon.InWorkspace.Api;
using Daemon.Linux;
using Grpc.Core;

namespace Daemon.InWorkspace;

/// <summary>The InWorkspaceService of one workspace; the socket it is served on identifies the workspace.</summary>
internal sealed class InWorkspaceGrpcService(WorkspaceSession session, InWorkspaceToolkit toolkit) : InWorkspaceService.InWorkspaceServiceBase
{
    /// <inheritdoc />
    public override Task<PrepareForUserNSResponse> PrepareForUserNS(PrepareForUserNSRequest request, ServerCallContext context) =>
        toolkit.UserNamespace.PrepareAsync(session, request.UsernsPid, context.CancellationToken);

    /// <inheritdoc />
    public override Task<WriteIDMappingResponse> WriteIDMapping(WriteIDMappingRequest request, ServerCallContext context) =>
        Task.FromResult(toolkit.IdMapper.Write(session, request));

    /// <inheritdoc />
    public override Task<EvacuateCGroupResponse> EvacuateCGroup(EvacuateCGroupRequest request, ServerCallContext context) =>
        Task.FromResult(toolkit.CGroups.Evacuate(session));

    /// <inheritdoc />
    public override async Task<MountProcResponse> MountProc(MountProcRequest request, ServerCallContext context)
    {
        await toolkit.Mounter.MountAsync(session, NamespaceOperation.MountProc, request.Pid, request.Target, [], context.CancellationToken);
        return new MountProcResponse();
    }

    /// <inheritdoc />
    public override async Task<UmountProcResponse> UmountProc(UmountProcRequest request, ServerCallContext context)
    {
        await toolkit.Mounter.UnmountAsync(session, NamespaceOperation.MountProc, request.Pid, request.Target, context.CancellationToken);
        return new UmountProcResponse();
    }

    /// <inheritdoc />
    public override async Task<MountProcResponse> MountSysfs(MountProcRequest request, ServerCallContext context)
    {
        await toolkit.Mounter.MountAsync(session, NamespaceOperation.MountSysfs, request.Pid, request.Target, [], context.CancellationToken);
        return new MountProcResponse();
    }

    /// <inheritdoc />
    public override async Task<UmountProcResponse> UmountSysfs(UmountProcRequest request, ServerCallContext context)
    {
        await toolkit.Mounter.UnmountAsync(session, NamespaceOperation.MountSysfs, request.Pid, request.Target, context.CancellationToken);
        return new UmountProcResponse();
    }

    /// <inheritdoc />
    public override async Task<MountNfsResponse> MountNfs(MountNfsRequest request, ServerCallContext context)
    {
        var options = NfsRequest.Options(request.Source, request.Args);
        await toolkit.Mounter.MountAsync(session, NamespaceOperation.MountNfs, request.Pid, request.Target, [request.Source, options], context.CancellationToken);
        return new MountNfsResponse();
    }

    /// <inheritdoc />
    public override async Task<UmountNfsResponse> UmountNfs(UmountNfsRequest request, ServerCallContext context)
    {
        await toolkit.Mounter.UnmountAsync(session, NamespaceOperation.MountNfs, request.Pid, request.Target, context.CancellationToken);
        return new UmountNfsResponse();
    }

    /// <inheritdoc />
    public override async Task<TeardownResponse> Teardown(TeardownRequest request, ServerCallContext context) =>
        new() { Success = await toolkit.Teardown.RunAsync(session, wipe: false, context.CancellationToken) };

    /// <inheritdoc />
    public override async Task<WipingTeardownResponse> WipingTeardown(WipingTeardownRequest request, ServerCallContext context) =>
        new() { Success = await toolkit.Teardown.RunAsync(session, request.DoWipe, context.CancellationToken) };

    /// <inheritdoc />
    public override async Task<SetupPairVethsResponse> SetupPairVeths(SetupPairVethsRequest request, ServerCallContext context)
    {
        await toolkit.Network.SetupAsync(session, request.Pid, context.CancellationToken);
        return new SetupPairVethsResponse();
    }

    /// <inheritdoc />
    public override Task<WorkspaceInfoResponse> WorkspaceInfo(WorkspaceInfoRequest request, ServerCallContext context) =>
        toolkit.CGroups.InfoAsync(session, context.CancellationToken);
}
