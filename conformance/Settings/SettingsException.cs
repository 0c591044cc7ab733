namespace Conformance.Settings;

/// <summary>A configuration value is missing or malformed; the message names the variable.</summary>
internal sealed class SettingsException(string message) : Exception(message);
