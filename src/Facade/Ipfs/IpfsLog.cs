namespace Facade.Ipfs;

/// <summary>Log lines of the IPFS components.</summary>
internal static partial class IpfsLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Published {Digest} to IPFS as {Cid} ({Bytes} bytes)")]
    public static partial void Published(ILogger logger, string digest, string cid, long bytes);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Publishing {Digest} to IPFS failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string digest, string reason, Exception error);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Publishing {Digest} to IPFS rejected: {Reason}")]
    public static partial void PublishRejected(ILogger logger, string digest, string reason);
}
