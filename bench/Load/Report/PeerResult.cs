using Facade.Load.Measure;

namespace Facade.Load.Report;

/// <summary>Everything measured for one server (upstream direct, facade, distribution proxy).</summary>
internal sealed class PeerResult(string name)
{
    public string Name { get; } = name;
    public double? BlobMiBps1 { get; set; }
    public double? BlobMiBps32 { get; set; }
    /// <summary>The server's CPU seconds (user + system) per GiB it served, 1 client.</summary>
    public double? CpuSecondsPerGiB1 { get; set; }
    /// <summary>The same with all clients at once.</summary>
    public double? CpuSecondsPerGiB32 { get; set; }
    public ColdPullResult? Cold { get; set; }
    /// <summary>Blob GETs the upstream saw during the cold pulls (null for the upstream itself).</summary>
    public int? UpstreamBlobGets { get; set; }
    /// <summary>Bytes the upstream sent during the cold pulls, headers included (null for the upstream itself).</summary>
    public long? UpstreamBytes { get; set; }
    public WrkResult? ManifestByDigest { get; set; }
    public WrkResult? ManifestByTag { get; set; }
    /// <summary>Requests the upstream saw while manifests were served by tag (revalidation traffic).</summary>
    public int? UpstreamRequestsDuringTagLoad { get; set; }
    /// <summary>VmHWM while serving the cold pulls.</summary>
    public long? PeakRssColdBytes { get; set; }
    /// <summary>VmHWM while serving the cached blob and manifest load.</summary>
    public long? PeakRssCachedBytes { get; set; }
    public List<string> Notes { get; } = [];
}
