namespace Facade.Shared.Client;

/// <summary>
/// Authentication with a registry or its token realm failed. The message names hosts and status
/// codes and, when the token service gave one, its reason; never a credential or a token.
/// </summary>
public sealed class RegistryAuthException(string message, int? statusCode = null, Exception? inner = null, string? reason = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status of the failed token request; null when the token service could not be reached.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>The token service's own words for a refusal (shortened), when it said any.</summary>
    public string? Reason { get; } = reason;

    /// <summary>True when the token service answered and refused (401 or 403): the credentials, not the service, are the problem.</summary>
    public bool IsRefusal => StatusCode is 401 or 403;
}
