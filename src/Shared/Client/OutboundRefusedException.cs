namespace Facade.Shared.Client;

/// <summary>
/// The client refused to go where a registry sent it (a redirect or a token realm): a scheme other
/// than http(s), a downgrade from https to http, or an address class the registry does not live in.
/// Not transient: retrying cannot change the answer.
/// </summary>
public sealed class OutboundRefusedException(string message) : IOException(message);
