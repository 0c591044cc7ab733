namespace Daemon.InWorkspace;

/// <summary>Addresses of the veth pair SetupPairVeths creates.</summary>
public sealed class NetworkOptions
{
    /// <summary>The host end's address with prefix.</summary>
    public string HostAddress { get; set; } = "10.0.5.1/24";

    /// <summary>The workspace end's address with prefix.</summary>
    public string WorkspaceAddress { get; set; } = "10.0.5.2/24";

    /// <summary>The workspace end's interface name.</summary>
    public string WorkspaceInterface { get; set; } = "ceth0";
}
