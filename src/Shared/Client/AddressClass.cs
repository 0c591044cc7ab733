namespace Facade.Shared.Client;

/// <summary>
/// Where an IP address points, as far as the outbound rules care: a registry may send the client
/// to public addresses, but to the machine itself, the link (cloud metadata services live there)
/// or a private network only when the registry itself lives in that same kind of place.
/// </summary>
public enum AddressClass
{
    /// <summary>Any address not in one of the ranges below.</summary>
    Public,

    /// <summary>127.0.0.0/8, ::1, and the unspecified addresses (which reach the local machine).</summary>
    Loopback,

    /// <summary>169.254.0.0/16 and fe80::/10.</summary>
    LinkLocal,

    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 (shared address space) and fc00::/7.</summary>
    Private,
}
