namespace Daemon.Storage;

/// <summary>Reads an error body for a message, capped so a hostile server cannot make us buffer much.</summary>
internal static class RemoteError
{
    private const int Cap = 2048;

    /// <summary>The first bytes of the body as text, single line.</summary>
    public static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[Cap];
            var total = 0;
            int read;
            while (total < Cap && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0) total += read;
            return System.Text.Encoding.UTF8.GetString(buffer, 0, total).ReplaceLineEndings(" ").Trim();
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
