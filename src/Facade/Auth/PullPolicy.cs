namespace Facade.Auth;

/// <summary>Who may pull when client authentication is on (pushes always need credentials).</summary>
public enum PullPolicy
{
    /// <summary>Pulls need no credentials; wrong credentials are still refused.</summary>
    Anonymous,

    /// <summary>Every request needs valid credentials.</summary>
    Authenticated,
}
