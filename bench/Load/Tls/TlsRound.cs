namespace Facade.Load.Tls;

/// <summary>
/// One round, all over the same delayed TLS path: a direct client on HTTP/2 with the facade's
/// stream window, one with the runtime's default window, one on HTTP/1.1, and a new facade (empty
/// cache) pulling its upstream over HTTP/2 and one held to HTTP/1.1; then, over the same delay with
/// the link rate capped (the network the limit, not the CPU), a direct HTTP/2 client and a facade
/// on each upstream protocol.
/// </summary>
internal sealed record TlsRound(
    string LoadAverage, TlsSample DirectHttp2, TlsSample DirectHttp2RuntimeWindow, TlsSample DirectHttp11, TlsSample FacadeHttp2, TlsSample FacadeHttp11,
    TlsSample CappedDirect, TlsSample CappedFacade, TlsSample CappedFacadeHttp11);
