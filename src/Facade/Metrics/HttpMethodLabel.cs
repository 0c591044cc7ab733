namespace Facade.Metrics;

/// <summary>
/// Bounds the values of a metric's method label: a client may send any token as a method, and
/// every distinct label value is a new time series kept for the life of the process.
/// </summary>
internal static class HttpMethodLabel
{
    public const string Other = "other";

    public static string Of(string method) => method switch
    {
        "GET" or "HEAD" or "PUT" or "POST" or "PATCH" or "DELETE" or "OPTIONS" => method,
        _ => Other,
    };
}
