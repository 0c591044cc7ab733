using System.Net.Http.Headers;
using System.Text;

namespace Facade.Shared.Client;

/// <summary>
/// One parsed <c>WWW-Authenticate</c> challenge: <c>Basic</c> or <c>Bearer</c> with its
/// parameters (realm, service, scope, error). Parameter names are case-insensitive.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>True for a <c>Bearer</c> challenge.</summary>
    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a <c>Basic</c> challenge.</summary>
    public bool IsBasic => string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>realm</c> parameter, or null.</summary>
    public string? Realm => Get("realm");

    /// <summary>The <c>service</c> parameter, or null.</summary>
    public string? Service => Get("service");

    /// <summary>The scopes of the <c>scope</c> parameter (space-separated in the header).</summary>
    public IReadOnlyList<string> Scopes =>
        Get("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The first Bearer challenge of a response, else its first Basic challenge, else null.
    /// Unknown schemes are ignored.
    /// </summary>
    public static AuthChallenge? From(HttpResponseMessage response)
    {
        AuthChallenge? basic = null;
        foreach (var value in response.Headers.WwwAuthenticate)
        {
            var challenge = Parse(value);
            if (challenge.IsBearer) return challenge;
            if (challenge.IsBasic) basic ??= challenge;
        }
        return basic;
    }

    /// <summary>Parses one header value as split by <see cref="HttpResponseHeaders.WwwAuthenticate"/>.</summary>
    public static AuthChallenge Parse(AuthenticationHeaderValue value) =>
        new(value.Scheme, ParseParameters(value.Parameter ?? ""));

    /// <summary>
    /// Parses <c>name=value, name="quoted \" value"</c> pairs. Malformed trailing text is ignored
    /// rather than thrown: a challenge is advice, and a missing realm is reported by the caller.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',') i++;
            var name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] != '=') continue;
            i++;
            var value = ReadValue(text, ref i);
            if (name.Length > 0) result.TryAdd(name, value);
        }
        return result;
    }

    private static string ReadValue(string text, ref int i)
    {
        while (i < text.Length && text[i] == ' ') i++;
        if (i < text.Length && text[i] == '"')
        {
            var builder = new StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length) i++;
                builder.Append(text[i++]);
            }
            i++;
            return builder.ToString();
        }
        var start = i;
        while (i < text.Length && text[i] != ',') i++;
        return text[start..i].Trim();
    }
}
