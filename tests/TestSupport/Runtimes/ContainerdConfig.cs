using System.Text;

namespace Facade.TestSupport;

/// <summary>The configuration files of a private containerd: its <c>config.toml</c> and registry <c>hosts.toml</c>.</summary>
internal static class ContainerdConfig
{
    /// <summary>Plugins a test containerd does not need and that may fail without special filesystems or services.</summary>
    private static readonly string[] Disabled =
    [
        "io.containerd.grpc.v1.cri",
        "io.containerd.snapshotter.v1.btrfs",
        "io.containerd.snapshotter.v1.zfs",
        "io.containerd.snapshotter.v1.aufs",
        "io.containerd.snapshotter.v1.devmapper",
        "io.containerd.internal.v1.opt",
        "io.containerd.tracing.processor.v1.otlp",
        "io.containerd.internal.v1.tracing",
    ];

    public static string Render(string directory, string root, string state, string address)
    {
        var toml = new StringBuilder();
        toml.AppendLine("version = 2");
        toml.AppendLine($"root = {Quote(root)}");
        toml.AppendLine($"state = {Quote(state)}");
        toml.AppendLine($"temp = {Quote(Path.Combine(directory, "tmp"))}");
        toml.AppendLine($"disabled_plugins = [{string.Join(", ", Disabled.Select(Quote))}]");
        toml.AppendLine("[grpc]");
        toml.AppendLine($"  address = {Quote(address)}");
        toml.AppendLine("[ttrpc]");
        toml.AppendLine($"  address = {Quote(Path.Combine(directory, "t.sock"))}");
        toml.AppendLine("[debug]");
        toml.AppendLine("  address = \"\"");
        toml.AppendLine("[metrics]");
        toml.AppendLine("  address = \"\"");
        Directory.CreateDirectory(Path.Combine(directory, "tmp"));
        return toml.ToString();
    }

    public static string HostsToml(Uri server, Uri? mirror)
    {
        var toml = new StringBuilder();
        toml.AppendLine($"server = {Quote(Origin(server))}");
        if (mirror is not null)
        {
            toml.AppendLine($"[host.{Quote(Origin(mirror))}]");
            toml.AppendLine("  capabilities = [\"pull\", \"resolve\"]");
            return toml.ToString();
        }
        toml.AppendLine($"[host.{Quote(Origin(server))}]");
        toml.AppendLine("  capabilities = [\"pull\", \"resolve\"]");
        return toml.ToString();
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
