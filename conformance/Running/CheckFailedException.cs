namespace Conformance.Running;

/// <summary>Thrown by a check when the registry's answer breaks a requirement.</summary>
internal sealed class CheckFailedException(string message) : Exception(message);
