namespace Daemon.Linux;

/// <summary>An external tool the daemon relies on (ip, iptables, nsenter) reported failure.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
