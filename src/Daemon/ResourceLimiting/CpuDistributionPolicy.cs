namespace Daemon.ResourceLimiting;

/// <summary>
/// Splits a CPU budget among workspaces: each gets the minimum (scaled down when the budget cannot
/// cover everyone); what is left is shared equally among the workspaces that want more, none above
/// the burst limit, with the share of capped workspaces passed on to the others. Pure and deterministic.
/// </summary>
internal static class CpuDistributionPolicy
{
    /// <summary>The limit of every workspace in <paramref name="demands"/>, in millicores.</summary>
    public static IReadOnlyDictionary<string, long> Distribute(IReadOnlyList<CpuDemand> demands, long budget, long minimum, long burst)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (demands.Count == 0)
        {
            return result;
        }

        var baseShare = Math.Min(minimum, budget / demands.Count);
        foreach (var demand in demands)
        {
            result[demand.Id] = baseShare;
        }

        var remaining = budget - (baseShare * demands.Count);
        // Ordinal order makes the distribution of indivisible remainders deterministic.
        var hungry = demands.Where(d => d.WantsMore(minimum)).Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
        while (remaining > 0 && hungry.Count > 0)
        {
            var share = Math.Max(1, remaining / hungry.Count);
            foreach (var id in hungry.ToList())
            {
                var grant = Math.Min(Math.Min(share, remaining), burst - result[id]);
                result[id] += grant;
                remaining -= grant;
                if (result[id] >= burst)
                {
                    hungry.Remove(id);
                }

                if (remaining == 0)
                {
                    break;
                }
            }
        }

        return result;
    }
}
