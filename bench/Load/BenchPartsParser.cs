namespace Facade.Load;

/// <summary>Maps the part switches (<c>--load</c>, <c>--ipfs</c>, <c>--compose</c>, <c>--cold</c>, <c>--tls</c>, <c>--soak</c>) to <see cref="BenchParts"/>.</summary>
internal static class BenchPartsParser
{
    public static bool TryParse(string argument, out BenchParts part)
    {
        part = argument switch
        {
            "--load" => BenchParts.Load,
            "--ipfs" => BenchParts.Ipfs,
            "--compose" => BenchParts.Compose,
            "--soak" => BenchParts.Soak,
            "--cold" => BenchParts.Cold,
            "--tls" => BenchParts.Tls,
            _ => BenchParts.None,
        };
        return part != BenchParts.None;
    }
}
