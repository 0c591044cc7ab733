namespace Facade.Auth;

/// <summary>
/// The users of an htpasswd file: <c>user:hash</c> lines, bcrypt hashes only (<c>$2y$</c> as
/// <c>htpasswd -B</c> writes, <c>$2a$</c>, <c>$2b$</c>), the only kind distribution accepts too.
/// Blank lines and <c>#</c> comments are skipped.
/// </summary>
internal sealed class HtpasswdFile
{
    private readonly Dictionary<string, string> _hashes;

    private HtpasswdFile(Dictionary<string, string> hashes)
    {
        _hashes = hashes;
        // An unknown user is checked against this hash of the same cost as a real entry, so the
        // answer takes as long as for a known user with a wrong password (no user enumeration).
        var cost = hashes.Values.Select(h => int.TryParse(h.AsSpan(4, 2), out var c) ? c : 10).DefaultIfEmpty(10).First();
        DecoyHash = BCrypt.Net.BCrypt.HashPassword(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)), Math.Clamp(cost, 4, 17));
    }

    /// <summary>A hash no password is known for, as slow to check as the file's entries.</summary>
    public string DecoyHash { get; }

    /// <summary>The number of users.</summary>
    public int Count => _hashes.Count;

    /// <summary>The bcrypt hash of <paramref name="user"/>, or null.</summary>
    public string? HashOf(string user) => _hashes.GetValueOrDefault(user);

    /// <summary>Parses the file's text; <paramref name="errors"/> names each bad line (by number, never its content).</summary>
    public static HtpasswdFile Parse(string text, List<string> errors)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors.Add($"line {number}: not user:hash");
                continue;
            }
            var hash = line[(colon + 1)..];
            if (!IsBcrypt(hash))
            {
                // Lines are never echoed: they carry password hashes.
                errors.Add($"line {number}: not a bcrypt hash (use htpasswd -B)");
                continue;
            }
            hashes[line[..colon]] = hash;
        }
        return new HtpasswdFile(hashes);
    }

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static HtpasswdFile Load(string path, List<string> errors)
    {
        try
        {
            return Parse(File.ReadAllText(path), errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"cannot read '{path}': {e.Message}");
            return new HtpasswdFile([]);
        }
    }

    private static bool IsBcrypt(string hash) =>
        hash.Length == 60 && (hash.StartsWith("$2y$", StringComparison.Ordinal) || hash.StartsWith("$2a$", StringComparison.Ordinal)
            || hash.StartsWith("$2b$", StringComparison.Ordinal));
}
