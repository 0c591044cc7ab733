using System.Text.Json;
using Conformance.Http;
using Conformance.Running;

namespace Conformance.Protocol;

/// <summary>
/// Validates the distribution error body <c>{"errors":[{"code":...,"message":...,"detail":...}]}</c>:
/// every entry needs a code from the specification's table.
/// </summary>
internal static class ErrorEnvelope
{
    /// <summary>The error codes the distribution specification defines.</summary>
    public static readonly IReadOnlySet<string> KnownCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "BLOB_UNKNOWN", "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN", "DIGEST_INVALID",
        "MANIFEST_BLOB_UNKNOWN", "MANIFEST_INVALID", "MANIFEST_UNKNOWN", "NAME_INVALID",
        "NAME_UNKNOWN", "SIZE_INVALID", "UNAUTHORIZED", "DENIED", "UNSUPPORTED", "TOOMANYREQUESTS",
    };

    /// <summary>Fails unless the status is one of <paramref name="statuses"/> and the envelope lists <paramref name="code"/>.</summary>
    public static void ExpectError(RegistryResponse response, string code, params int[] statuses)
    {
        Expect.Status(response, statuses);
        var codes = Codes(response);
        Expect.That(codes.Contains(code), $"error code {code} expected, envelope has {string.Join(", ", codes)} ({response.Describe()})");
    }

    /// <summary>
    /// Fails unless the status is a 4xx rejecting the input and the body is a valid envelope; returns its codes.
    /// 401, 403 and 429 do not count: they say nothing about whether the input was judged invalid.
    /// </summary>
    public static IReadOnlyList<string> ExpectAnyClientError(RegistryResponse response)
    {
        Expect.That(response.Status is >= 400 and < 500, $"expected a 4xx, got {Expect.Describe(response)}");
        Expect.That(response.Status is not (401 or 403 or 429), $"expected the input to be rejected, got an access error: {Expect.Describe(response)}");
        return Codes(response);
    }

    /// <summary>Parses the envelope, failing with the reason when the body is not one.</summary>
    public static IReadOnlyList<string> Codes(RegistryResponse response)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(response.Body);
        }
        catch (JsonException)
        {
            throw new CheckFailedException($"body is not a JSON error envelope ({Expect.Describe(response)})");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array
                || errors.GetArrayLength() == 0)
            {
                throw new CheckFailedException($"body has no non-empty 'errors' array ({Expect.Describe(response)})");
            }

            var codes = new List<string>();
            foreach (var error in errors.EnumerateArray())
            {
                var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
                    ? c.GetString()!
                    : throw new CheckFailedException($"an error entry has no string 'code' ({Expect.Describe(response)})");
                Expect.That(KnownCodes.Contains(code), $"error code '{code}' is not one the specification defines");
                codes.Add(code);
            }

            return codes;
        }
    }
}
