using Microsoft.Extensions.Primitives;

namespace Facade.Http;

/// <summary>
/// Manifest <c>Accept</c> handling: a missing header, <c>*/*</c> or <c>application/*</c> accept
/// anything; otherwise the manifest's media type must be listed (a <c>q=0</c> entry excludes it).
/// </summary>
internal static class AcceptNegotiation
{
    public static bool Accepts(StringValues accept, string mediaType)
    {
        if (StringValues.IsNullOrEmpty(accept)) return true;
        var any = false;
        foreach (var header in accept)
        {
            if (header is null) continue;
            foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var semicolon = part.IndexOf(';');
                var type = (semicolon < 0 ? part : part[..semicolon]).Trim();
                var excluded = semicolon >= 0 && part[semicolon..].Replace(" ", "", StringComparison.Ordinal).Contains("q=0", StringComparison.Ordinal)
                    && !part[semicolon..].Contains("q=0.", StringComparison.Ordinal);
                if (type.Equals(mediaType, StringComparison.OrdinalIgnoreCase)) return !excluded;
                if (!excluded && type is "*/*" or "application/*") any = true;
            }
        }
        return any;
    }
}
