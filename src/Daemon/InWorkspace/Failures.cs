using Daemon.Linux;
using Grpc.Core;

namespace Daemon.InWorkspace;

/// <summary>Builds the gRPC errors the service answers with.</summary>
internal static class Failures
{
    /// <summary>The request itself is malformed.</summary>
    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    /// <summary>The request names something outside the workspace.</summary>
    public static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    /// <summary>The workspace is not in a state that allows the call.</summary>
    public static RpcException Precondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    /// <summary>Maps a failed system call to the closest status.</summary>
    public static RpcException From(SysCallException e)
    {
        var code = e.ErrorNumber switch
        {
            Errno.EINVAL or Errno.ENOTDIR => StatusCode.InvalidArgument,
            Errno.ENOENT => StatusCode.NotFound,
            Errno.ESRCH or Errno.ENODEV => StatusCode.FailedPrecondition,
            Errno.EEXIST => StatusCode.AlreadyExists,
            Errno.EBUSY or Errno.EPERM or Errno.EACCES => StatusCode.FailedPrecondition,
            _ => StatusCode.Internal,
        };
        return new RpcException(new Status(code, e.Message));
    }

    /// <summary>Maps an external tool's failure.</summary>
    public static RpcException From(CommandFailedException e) => new(new Status(StatusCode.Internal, e.Message));
}
