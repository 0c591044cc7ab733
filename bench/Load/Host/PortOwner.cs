using System.Text.RegularExpressions;
using Facade.TestSupport;

namespace Facade.Load.Host;

/// <summary>Finds the process listening on a local TCP port (the registry fixture does not expose its pid).</summary>
internal static partial class PortOwner
{
    /// <summary>The pid listening on 127.0.0.1:<paramref name="port"/>, from <c>ss -ltnpH</c>.</summary>
    public static async Task<int> PidAsync(int port)
    {
        var result = await Tool.RunAsync("ss", ["-ltnpH", $"sport = :{port}"]);
        var match = PidPattern().Match(result.StandardOutput);
        return match.Success
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no process found listening on port {port}: {result.StandardOutput}{result.StandardError}");
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex PidPattern();
}
