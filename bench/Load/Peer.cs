using Facade.Load.Net;
using Facade.Load.Report;

namespace Facade.Load;

/// <summary>A server under measurement: where clients reach it, its pid, and the relay that counts what it fetches upstream (none for the upstream itself).</summary>
internal sealed record Peer(string Name, Uri BaseUri, int Pid, TcpByteCounter? UpstreamRelay)
{
    public PeerResult Result { get; } = new(Name);
}
