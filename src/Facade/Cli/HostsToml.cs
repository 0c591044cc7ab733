namespace Facade.Cli;

/// <summary>The text of a containerd <c>hosts.toml</c> naming the facade as mirror.</summary>
internal static class HostsToml
{
    /// <summary>
    /// <paramref name="server"/> is the registry's own endpoint containerd falls back to; when
    /// null containerd's default for that registry name applies and the line is left out.
    /// </summary>
    public static string Render(string registry, Uri facade, string? server)
    {
        var facadeText = facade.GetLeftPart(UriPartial.Authority);
        var lines = new List<string>();
        if (server is not null) lines.Add($"server = \"{server}\"");
        lines.Add("");
        lines.Add($"[host.\"{facadeText}\"]");
        lines.Add("  capabilities = [\"pull\", \"resolve\"]");
        lines.Add($"# mirror for {registry}: containerd sends ?ns={registry} to the facade");
        return string.Join('\n', lines).TrimStart('\n') + "\n";
    }
}
