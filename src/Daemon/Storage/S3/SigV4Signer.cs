using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Daemon.Storage.S3;

/// <summary>
/// Signs S3 requests with AWS Signature Version 4 (header form). Only what this client sends is
/// covered: no query string; signed headers host, range (when present), x-amz-content-sha256
/// and x-amz-date.
/// </summary>
internal sealed class SigV4Signer(string accessKey, string secretKey, string region, TimeProvider? clock = null)
{
    /// <summary>sha256 of an empty body, the payload hash of GET and HEAD.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private const string Service = "s3";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Adds the date, payload hash and Authorization headers to a request.</summary>
    public void Sign(HttpRequestMessage request, string payloadSha256Hex)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("request has no URI", nameof(request));
        var now = _clock.GetUtcNow().UtcDateTime;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        request.Headers.Host = host;
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.Add("x-amz-content-sha256", payloadSha256Hex);

        var headers = new List<(string Name, string Value)> { ("host", host) };
        if (request.Headers.Range is { } range) headers.Add(("range", range.ToString()));
        headers.Add(("x-amz-content-sha256", payloadSha256Hex));
        headers.Add(("x-amz-date", amzDate));
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        var canonical = string.Join('\n',
            request.Method.Method,
            uri.AbsolutePath,
            "",
            string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            payloadSha256Hex);
        var scope = $"{day}/{region}/{Service}/aws4_request";
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day);
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, toSign));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "AWS4-HMAC-SHA256", $"Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
