using System.Text;

namespace Facade.Benchmarks.Oci;

/// <summary>A representative OCI image manifest: config, five gzip layers, annotations.</summary>
internal static class SampleManifest
{
    public static byte[] Bytes { get; } = Build();

    private static byte[] Build()
    {
        var json = new StringBuilder();
        json.Append("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",");
        json.Append("\"config\":").Append(Descriptor("application/vnd.oci.image.config.v1+json", 0, 1_523)).Append(",\"layers\":[");
        for (var i = 1; i <= 5; i++)
        {
            if (i > 1) json.Append(',');
            json.Append(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", i, 3_000_000L * i));
        }
        json.Append("],\"annotations\":{\"org.opencontainers.image.created\":\"2026-01-01T00:00:00Z\",");
        json.Append("\"org.opencontainers.image.source\":\"https://git.example.com/team/app\"}}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static string Descriptor(string mediaType, int seed, long size)
    {
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)seed]));
        return $"{{\"mediaType\":\"{mediaType}\",\"digest\":\"sha256:{hex}\",\"size\":{size}}}";
    }
}
