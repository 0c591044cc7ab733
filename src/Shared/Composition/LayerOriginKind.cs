namespace Facade.Shared.Composition;

/// <summary>Where the blob of an appended layer is served from.</summary>
public enum LayerOriginKind
{
    /// <summary>A blob of an add-on image: fetch it from that image's repository.</summary>
    Image,

    /// <summary>Bytes carried by the spec: serve them as they are.</summary>
    Direct,

    /// <summary>A blob stored at a URL: answer with a redirect to it.</summary>
    Remote,

    /// <summary>Any other source described by the caller (e.g. a static file).</summary>
    Other,
}
