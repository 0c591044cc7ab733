namespace Facade.Shared.Client;

/// <summary>
/// Authentication with a registry or its token realm failed. The message names hosts and status
/// codes only, never a credential or a token.
/// </summary>
public sealed class RegistryAuthException(string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status of the failed token request, when there was one.</summary>
    public int? StatusCode { get; } = statusCode;
}
