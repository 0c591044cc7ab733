namespace Facade.Auth;

/// <summary>What a request's credentials amount to.</summary>
internal enum AuthStatus
{
    /// <summary>No credentials (or Basic with an empty user and password, as some clients send after a challenge).</summary>
    Anonymous,

    /// <summary>Valid credentials.</summary>
    Authenticated,

    /// <summary>Credentials that are wrong or malformed.</summary>
    Invalid,

    /// <summary>The client address failed too often; it must wait.</summary>
    Limited,
}
