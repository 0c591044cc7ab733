using Conformance.Content;
using Conformance.Http;

namespace Conformance.Running;

/// <summary>Assertions for checks; each failure message says what was expected and what the registry did.</summary>
internal static class Expect
{
    private const int SnippetLength = 200;

    /// <summary>Fails unless the status is one of <paramref name="expected"/>.</summary>
    public static void Status(RegistryResponse response, params int[] expected)
    {
        if (!expected.Contains(response.Status))
        {
            throw new CheckFailedException($"expected {string.Join(" or ", expected)}, got {Describe(response)}");
        }
    }

    /// <summary>Returns the header's value, failing when it is absent or empty.</summary>
    public static string Header(RegistryResponse response, string name)
    {
        var value = response.Header(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new CheckFailedException($"header {name} missing ({response.Describe()})")
            : value;
    }

    /// <summary>Fails unless the header is present with exactly <paramref name="expected"/>.</summary>
    public static void HeaderEquals(RegistryResponse response, string name, string expected)
    {
        var actual = Header(response, name);
        That(actual == expected, $"header {name}: expected '{expected}', got '{actual}' ({response.Describe()})");
    }

    /// <summary>Fails unless Content-Length is present and equals <paramref name="length"/>.</summary>
    public static void ContentLength(RegistryResponse response, long length) =>
        HeaderEquals(response, "Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Fails unless the body hashes to <paramref name="digest"/>.</summary>
    public static void BodyDigest(RegistryResponse response, string digest)
    {
        var actual = Digests.Sha256(response.Body);
        That(actual == digest, $"body ({response.Body.Length} bytes) has digest {actual}, expected {digest}");
    }

    /// <summary>Fails with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void That(bool condition, string message)
    {
        if (!condition)
        {
            throw new CheckFailedException(message);
        }
    }

    /// <summary>Skips with <paramref name="reason"/> unless <paramref name="condition"/> holds.</summary>
    public static void Prerequisite(bool condition, string reason)
    {
        if (!condition)
        {
            throw new CheckSkippedException(reason);
        }
    }

    /// <summary>Status plus a start of the body, for failure messages.</summary>
    public static string Describe(RegistryResponse response)
    {
        var text = response.Text.ReplaceLineEndings(" ").Trim();
        if (text.Length > SnippetLength)
        {
            text = text[..SnippetLength] + "...";
        }

        return text.Length == 0 ? response.Describe() : $"{response.Describe()} body: {text}";
    }
}
