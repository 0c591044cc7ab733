namespace Daemon.Cli;

/// <summary>The ctl command line is wrong; the message says how.</summary>
internal sealed class CtlUsageException(string message) : Exception(message);
