namespace Facade.Ipfs;

/// <summary>Why a call to the IPFS node failed.</summary>
internal enum IpfsErrorKind
{
    /// <summary>The node answered with an error (its message is kept).</summary>
    Node,

    /// <summary>The node did not answer or stream in time.</summary>
    Timeout,

    /// <summary>The node could not be reached.</summary>
    Unreachable,

    /// <summary>The node answered something the client cannot read.</summary>
    InvalidResponse,
}
