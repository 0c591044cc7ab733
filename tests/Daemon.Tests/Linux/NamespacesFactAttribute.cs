namespace Daemon.Tests.Linux;

/// <summary>A fact that is skipped, with the reason, where namespaces, nsenter, ip or iptables are unavailable.</summary>
internal sealed class NamespacesFactAttribute : FactAttribute
{
    public NamespacesFactAttribute()
    {
        if (Privileges.Namespaces is { } problem)
        {
            Skip = "needs user, PID, mount and network namespaces: " + problem;
        }
    }
}
