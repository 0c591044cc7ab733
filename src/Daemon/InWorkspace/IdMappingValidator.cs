using Daemon.InWorkspace.Api;

namespace Daemon.InWorkspace;

/// <summary>Checks requested id mappings against the kernel's rules and the configured host ranges.</summary>
internal static class IdMappingValidator
{
    private const int KernelMaxLines = 340;

    /// <summary>Null when the mappings may be written, else the reason they are refused.</summary>
    public static string? Problem(IReadOnlyList<WriteIDMappingRequest.Types.Mapping> mappings, IReadOnlyList<IdRange> allowed)
    {
        if (mappings.Count is 0 or > KernelMaxLines)
        {
            return $"between 1 and {KernelMaxLines} mappings are required";
        }

        foreach (var m in mappings)
        {
            if (m.Size == 0)
            {
                return "a mapping must have a positive size";
            }

            if ((ulong)m.ContainerId + m.Size > uint.MaxValue || (ulong)m.HostId + m.Size > uint.MaxValue)
            {
                return $"mapping {m.ContainerId}->{m.HostId}+{m.Size} overflows the id space";
            }

            if (!allowed.Any(r => r.Contains(m.HostId, m.Size)))
            {
                return $"host ids {m.HostId}..{(ulong)m.HostId + m.Size - 1} are outside the allowed ranges";
            }
        }

        if (Overlaps(mappings.Select(m => ((ulong)m.ContainerId, (ulong)m.Size))))
        {
            return "container id ranges overlap";
        }

        return Overlaps(mappings.Select(m => ((ulong)m.HostId, (ulong)m.Size))) ? "host id ranges overlap" : null;
    }

    /// <summary>The uid_map/gid_map text for the mappings.</summary>
    public static string Format(IEnumerable<WriteIDMappingRequest.Types.Mapping> mappings) =>
        string.Concat(mappings.Select(m => FormattableString.Invariant($"{m.ContainerId} {m.HostId} {m.Size}\n")));

    private static bool Overlaps(IEnumerable<(ulong Start, ulong Size)> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i - 1].Start + sorted[i - 1].Size > sorted[i].Start)
            {
                return true;
            }
        }

        return false;
    }
}
