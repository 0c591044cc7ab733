using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Conformance.Http;

/// <summary>A parsed <c>WWW-Authenticate: Bearer realm=...,service=...,scope=...</c> challenge.</summary>
internal sealed partial record AuthChallenge(Uri Realm, string? Service, string? Scope)
{
    /// <summary>Finds a Bearer challenge among the response's WWW-Authenticate headers, or null.</summary>
    public static AuthChallenge? FromResponse(HttpResponseMessage response)
    {
        foreach (var header in response.Headers.WwwAuthenticate)
        {
            if (!header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            {
                continue;
            }

            var parameters = Parse(header);
            if (parameters.TryGetValue("realm", out var realm) && Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            {
                return new AuthChallenge(realmUri, parameters.GetValueOrDefault("service"), parameters.GetValueOrDefault("scope"));
            }
        }

        return null;
    }

    private static Dictionary<string, string> Parse(AuthenticationHeaderValue header)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Parameter().Matches(header.Parameter!))
        {
            result[match.Groups["key"].Value] = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value;
        }

        return result;
    }

    [GeneratedRegex("""(?<key>[A-Za-z_]+)\s*=\s*(?:"(?<quoted>[^"]*)"|(?<bare>[^,\s]+))""")]
    private static partial Regex Parameter();
}
