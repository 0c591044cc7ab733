using Daemon.Linux;

namespace Daemon.InWorkspace;

/// <summary>Resolves pids named in requests to host pids of the workspace, or refuses them.</summary>
internal sealed class WorkspacePids(PidTranslator translator)
{
    /// <summary>The host pid of <paramref name="pid"/> in the workspace; InvalidArgument or PermissionDenied otherwise.</summary>
    public int Resolve(WorkspaceSession session, long pid)
    {
        if (pid <= 0 || pid > int.MaxValue)
        {
            throw Failures.Invalid($"pid {pid} is not a valid process id");
        }

        return translator.ToHostPid(session.Registration.OwnerPid, pid)
            ?? throw Failures.Denied($"pid {pid} is not a process of workspace {session.Registration.Id}");
    }
}
