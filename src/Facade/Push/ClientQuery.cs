namespace Facade.Push;

/// <summary>The client's query string as the upstream should see it: without <c>ns</c>, which only selects the upstream.</summary>
internal static class ClientQuery
{
    public static string WithoutNs(IQueryCollection query) =>
        QueryString.Create(query.Where(q => !q.Key.Equals("ns", StringComparison.Ordinal))).ToUriComponent();
}
