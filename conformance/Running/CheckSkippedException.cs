namespace Conformance.Running;

/// <summary>Thrown by a check that does not apply (optional feature absent, prerequisite failed).</summary>
internal sealed class CheckSkippedException(string message) : Exception(message);
