namespace Facade.Gitpod;

/// <summary>A Gitpod service configuration the facade cannot run with (stops the start with its message).</summary>
public sealed class GitpodConfigException(string message, Exception? inner = null) : Exception(message, inner);
