using System.Net;

namespace Facade.Ipfs;

/// <summary>
/// A failed call to the IPFS node. Callers treat every such failure the same way (fall back to
/// the upstream); the kind and the node's own message are for logs.
/// </summary>
internal sealed class IpfsException : Exception
{
    public IpfsException(IpfsErrorKind kind, string operation, string message, HttpStatusCode? status = null,
        string? nodeMessage = null, Exception? inner = null)
        : base($"IPFS {operation}: {message}", inner)
    {
        Kind = kind;
        Operation = operation;
        Status = status;
        NodeMessage = nodeMessage;
    }

    /// <summary>Why it failed.</summary>
    public IpfsErrorKind Kind { get; }

    /// <summary>The RPC command, e.g. <c>cat</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status the node answered, when it answered.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The node's own error message, when it sent one.</summary>
    public string? NodeMessage { get; }
}
