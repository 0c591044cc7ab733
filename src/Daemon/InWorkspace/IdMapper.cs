using System.Globalization;
using System.Text;
using Daemon.InWorkspace.Api;
using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>Writes uid_map or gid_map of a workspace process after validating the mapping.</summary>
internal sealed class IdMapper(WorkspacePids pids, IOptions<InWorkspaceOptions> options)
{
    /// <summary>Validates and writes the mapping; the kernel accepts one write per map and process.</summary>
    public WriteIDMappingResponse Write(WorkspaceSession session, WriteIDMappingRequest request)
    {
        var allowed = request.Gid ? options.Value.GidRanges : options.Value.UidRanges;
        if (IdMappingValidator.Problem(request.Mapping, allowed) is { } problem)
        {
            throw Failures.Invalid(problem);
        }

        var hostPid = pids.Resolve(session, request.Pid);
        var file = Path.Combine("/proc", hostPid.ToString(CultureInfo.InvariantCulture), request.Gid ? "gid_map" : "uid_map");
        var content = Encoding.ASCII.GetBytes(IdMappingValidator.Format(request.Mapping));
        try
        {
            // The kernel parses the map from a single write at offset 0.
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Write);
            RandomAccess.Write(handle, content, 0);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Failures.Precondition($"cannot write {file} (a map can be written only once): {e.Message}");
        }
        catch (IOException e)
        {
            throw Failures.Precondition($"cannot write {file}: {e.Message}");
        }

        return new WriteIDMappingResponse();
    }
}
