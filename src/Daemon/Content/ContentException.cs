using Grpc.Core;

namespace Daemon.Content;

/// <summary>An expected failure of a content operation, carrying the gRPC status code clients see.</summary>
internal sealed class ContentException(StatusCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The status code reported to the client.</summary>
    public StatusCode Code { get; } = code;

    /// <summary>The request is malformed.</summary>
    public static ContentException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    /// <summary>The workspace or stored content does not exist.</summary>
    public static ContentException NotFound(string message) => new(StatusCode.NotFound, message);

    /// <summary>The workspace is not in a state that allows the operation.</summary>
    public static ContentException Precondition(string message) => new(StatusCode.FailedPrecondition, message);

    /// <summary>Content is corrupt or does not match its digest.</summary>
    public static ContentException DataLoss(string message, Exception? inner = null) => new(StatusCode.DataLoss, message, inner);
}
