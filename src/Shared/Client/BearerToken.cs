namespace Facade.Shared.Client;

/// <summary>A bearer token and the moment it stops being used (a little before it expires).</summary>
public sealed record BearerToken(string Value, DateTimeOffset UseUntil)
{
    /// <summary>True while the token may still be sent.</summary>
    public bool IsUsable(DateTimeOffset now) => now < UseUntil;

    /// <summary>Never shows the token itself.</summary>
    public override string ToString() => $"BearerToken(until {UseUntil:O})";
}
