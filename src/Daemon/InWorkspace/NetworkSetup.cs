using Daemon.Linux;
using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>SetupPairVeths: connects a workspace's network namespace to the host through a veth pair.</summary>
internal sealed class NetworkSetup(WorkspacePids pids, VethPairs veths, IOptions<InWorkspaceOptions> options)
{
    /// <summary>Creates the pair for the network namespace of <paramref name="pid"/>; AlreadyExists when set up before.</summary>
    public async Task SetupAsync(WorkspaceSession session, long pid, CancellationToken cancellationToken)
    {
        var hostPid = pids.Resolve(session, pid);
        var network = options.Value.Network;
        VethPlan plan;
        try
        {
            plan = VethPlan.For(session.Registration.Id, network.HostAddress, network.WorkspaceAddress, network.WorkspaceInterface);
        }
        catch (ArgumentException e)
        {
            throw Failures.Precondition($"network configuration is unusable: {e.Message}");
        }

        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.Veth is not null)
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.AlreadyExists, "the veth pair is already set up"));
            }

            await veths.SetupAsync(plan, hostPid, cancellationToken).ConfigureAwait(false);
            session.Veth = plan;
        }
        catch (CommandFailedException e)
        {
            throw Failures.From(e);
        }
        finally
        {
            session.Gate.Release();
        }
    }
}
