using System.Text.RegularExpressions;

namespace Conformance.Running;

/// <summary>
/// The requirement of the distribution specification (v1.1) each check tests: the section, then
/// the requirement in this suite's own words. A check is matched by its name (a pattern where the
/// name carries a variable part). A check that matches nothing cites nothing, and the runner
/// fails it: every check has to say which requirement it holds the registry to.
/// </summary>
internal static class SpecCitations
{
    private const string Setup = "not a requirement: content the following checks need";

    private static readonly (Regex Name, string Section, string Requirement)[] Table =
    [
        (N("^setup: "), "-", Setup),
        (N("^workflow$"), "Conformance / Workflow categories", "each workflow category is tested only when enabled"),
        (N("^PATCH with a malformed Content-Range gives 416$"), "Push / Pushing a blob in chunks",
            "Content-Range MUST be <start-of-range>-<end-of-range>; a chunk the registry cannot accept MUST be answered 416"),
        (N("^PATCH whose Content-Range length differs from its body"), "Push / Pushing a blob in chunks; Error codes (SIZE_INVALID)",
            "Content-Length is the chunk's length and Content-Range its position; a chunk that cannot be accepted as declared is answered 416, and SIZE_INVALID is the code for a length that does not match the content"),
        (N("^PATCH to a completed upload session gives 404 BLOB_UPLOAD_UNKNOWN$"), "Endpoints (end-5); Error codes (BLOB_UPLOAD_UNKNOWN)",
            "a PATCH to an upload URL the registry no longer knows fails with 404; BLOB_UPLOAD_UNKNOWN is the code for an upload unknown to the registry"),
        (N("^PUT to an upload session never opened gives 404$"), "Endpoints (end-6); Error codes (BLOB_UPLOAD_UNKNOWN)",
            "closing an upload the registry never opened fails with 404, with an upload error code"),
        (N("^PUT manifest of 4 MB gives 201$"), "Push / Pushing manifests",
            "registries SHOULD expect to accept manifest pushes of at least 4 megabytes"),
        (N("^PUT manifest over 4 MiB gives 413"), "Push / Pushing manifests",
            "a registry SHOULD enforce a limit on manifest size, and SHOULD answer a push over it with 413 Payload Too Large"),
        (N("^GET referrers gives a referrer without artifactType its config's media type$"), "Content discovery / Listing referrers",
            "each descriptor's artifactType is the manifest's artifactType; when the manifest has none, it MUST be the config descriptor's mediaType"),
        (N("^GET referrers pages, followed by their Link headers"), "Content discovery / Listing referrers",
            "a registry MAY split the referrers list into pages; a page with more to follow carries a Link header (RFC 5988) with rel=\"next\""),
        (N("^Warning headers on every response"), "Warnings",
            "a registry MAY send Warning headers; each MUST use warn-code 299 and warn-agent -, with at most 4096 bytes of warnings in all of a response's headers"),
        (N("^GET /v2/ answers 200$"), "API / Endpoints (end-1)", "the base endpoint answers 200 when the registry implements the specification"),
        (N("^(GET|HEAD) manifest by (tag|digest)$"), "Pull / Pulling manifests; Checking if content exists",
            "an existing manifest answers 200, with its digest in Docker-Content-Digest and the body's media type in Content-Type"),
        (N("^(GET|HEAD) blob$"), "Pull / Pulling blobs; Checking if content exists", "an existing blob answers 200 with its bytes and Content-Length"),
        (N("^GET blob with Range gives 206"), "Pull / Pulling blobs", "a registry SHOULD support Range requests on blobs (RFC 9110 semantics: 206 with Content-Range)"),
        (N("^GET blob with a Range past the end gives 416$"), "Pull / Pulling blobs", "a range the blob cannot satisfy is answered 416 (RFC 9110, as Range support requires)"),
        (N("^HEAD nonexistent (manifest|blob) gives 404$"), "Pull / Checking if content exists", "content that is not in the registry MUST answer 404 to HEAD"),
        (N("^GET nonexistent manifest .*MANIFEST_UNKNOWN$"), "Pull / Pulling manifests; Error codes",
            "a manifest not found MUST answer 404; the code for an unknown manifest is MANIFEST_UNKNOWN"),
        (N("^GET nonexistent blob gives 404 BLOB_UNKNOWN$"), "Pull / Pulling blobs; Error codes",
            "a blob not found MUST answer 404; the code for an unknown blob is BLOB_UNKNOWN"),
        (N("repository name (over 255|upper-case)|upper-case repository"), "Pull / Pulling manifests (name grammar)",
            "<name> MUST match the repository name grammar and, with the registry host, stay within 255 characters; anything else is refused"),
        (N("malformed digest gives 4xx"), "Definitions / Digest; Error codes", "a digest outside the digest grammar identifies nothing and is refused"),
        (N("reference that is neither tag nor digest gives 404"), "Pull / Pulling manifests",
            "a tag MUST match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}; a reference that is neither names no manifest, and a manifest not found MUST answer 404"),
        (N("^POST starts an upload session"), "Push / Pushing blobs (POST then PUT)", "POST to the uploads endpoint opens a session: 202 with the upload URL in Location"),
        (N("^PUT with digest completes the monolithic"), "Push / Pushing blobs (POST then PUT)",
            "PUT of the whole body with ?digest= to the upload URL completes the upload: 201 with Location"),
        (N("^GET (config|layer) after monolithic upload$|^GET blob after (single-request|chunked) upload$"), "Push / Pushing blobs",
            "the Location of a completed upload is a pullable blob URL: the blob is then served by its digest"),
        (N("^POST with digest uploads a blob in a single request"), "Push / Single POST",
            "POST with ?digest= and the body completes in one request (201); a registry that cannot MAY answer 202 and a session"),
        (N("^DELETE cancels an upload session"), "Push / Pushing blobs (closing a session); API endpoints (end-5)",
            "DELETE of an upload URL cancels the session"),
        (N("cancelled upload session gives 404 BLOB_UPLOAD_UNKNOWN$"), "Error codes (BLOB_UPLOAD_UNKNOWN)",
            "a session that was cancelled is unknown: requests to it answer 404 BLOB_UPLOAD_UNKNOWN"),
        (N("^PUT with a digest that does not match the body gives 400 DIGEST_INVALID$"), "Push / Pushing blobs; Error codes (DIGEST_INVALID)",
            "the registry verifies the uploaded content against ?digest= and refuses a mismatch with 400 DIGEST_INVALID"),
        (N("sha512"), "Definitions / Digest (image-spec registered algorithms); Push / Pushing blobs",
            "content is addressed by algorithm:encoded; sha512 is a registered algorithm a registry MAY support; when it accepts a sha512 upload, the blob is served by that digest and a mismatch is refused"),
        (N("^PATCH first chunk|^PATCH second chunk"), "Push / Pushing a blob in chunks",
            "each chunk is PATCHed with Content-Range and answered 202 with Range covering everything received and the Location to continue"),
        (N("^GET upload status gives 204 with Range$"), "Push / Pushing a blob in chunks (upload status)",
            "GET of the upload URL MUST answer 204 with Location and the Range received so far"),
        (N("^PUT with digest closes the chunked upload"), "Push / Pushing a blob in chunks", "the closing PUT with ?digest= completes the upload: 201 with Location"),
        (N("^PUT with the final chunk in its body|^GET blob after a PUT carrying the final chunk$"), "Push / Pushing a blob in chunks",
            "the last chunk MAY travel in the body of the closing PUT instead of a PATCH; the upload then completes (201) and the blob is served"),
        (N("^GET status of an upload session never opened"), "Endpoints (end-13); Error codes (BLOB_UPLOAD_UNKNOWN)",
            "the upload status endpoint fails with 404 for a session the registry does not know, with an upload error code (BLOB_UPLOAD_UNKNOWN or BLOB_UPLOAD_INVALID)"),
        (N("^GET tags list of a repository that does not exist gives 404"), "Endpoints (end-8a); Error codes (NAME_UNKNOWN)",
            "the tags list of a repository the registry does not know fails with 404; the code for an unknown repository is NAME_UNKNOWN"),
        (N("^PATCH out-of-order chunk gives 416$"), "Push / Pushing a blob in chunks",
            "chunks MUST be uploaded in order; an out-of-order chunk MUST be answered 416"),
        (N("^POST with mount and from mounts"), "Push / Mounting a blob from another repository",
            "POST with ?mount=&from= of a blob the registry has mounts it: 201 with Location (a registry that cannot SHOULD answer 202)"),
        (N("^GET mounted blob"), "Push / Mounting a blob from another repository", "a mounted blob is then served from the target repository"),
        (N("^POST with mount and no from"), "Push / Mounting a blob from another repository",
            "without from, a registry MAY find the blob itself (automatic content discovery, 201) or open a session (202)"),
        (N("^POST mount of an unknown blob falls back"), "Push / Mounting a blob from another repository",
            "a mount that cannot be done SHOULD fall back to an upload session: 202 with Location"),
        (N("^PUT manifest by (tag|digest)"), "Push / Pushing manifests",
            "PUT of a manifest answers 201 with Location; the digest of the stored manifest is in Docker-Content-Digest"),
        (N("^GET manifest by (tag|digest) after push"), "Pull / Pulling manifests", "a pushed manifest is served with exactly the bytes pushed"),
        (N("^PUT manifest with no layers"), "Push / Pushing manifests (image-spec: layers MAY be empty)", "a manifest with an empty layers list is a valid manifest"),
        (N("^PUT manifest under a reference that is neither tag nor digest"), "Pull / Pulling manifests (tag grammar); Push / Pushing manifests",
            "a tag MUST match the tag grammar; a PUT under anything else cannot create it and is refused"),
        (N("^PUT manifest that is not valid JSON"), "Error codes (MANIFEST_INVALID)", "a manifest that fails validation is refused with MANIFEST_INVALID"),
        (N("^PUT manifest referencing unknown blobs"), "Push / Pushing manifests; Error codes (MANIFEST_BLOB_UNKNOWN)",
            "a registry MAY reject a manifest whose blobs it lacks; if it does, with MANIFEST_BLOB_UNKNOWN"),
        (N("^PUT manifest with subject returns OCI-Subject$"), "Push / Pushing manifests with subject",
            "a registry that processes subject MUST answer OCI-Subject with the subject's digest"),
        (N("^GET referrers lists both"), "Content discovery / Listing referrers",
            "the referrers endpoint MUST answer 200 with an image index listing each referrer's descriptor, artifactType and annotations"),
        (N("^GET referrers with artifactType filter$"), "Content discovery / Listing referrers",
            "with ?artifactType= a registry that filters MUST say so in OCI-Filters-Applied and list only that type"),
        (N("^GET referrers of a manifest without referrers"), "Content discovery / Listing referrers",
            "a manifest without referrers gives 200 and an index with an empty manifests list, never 404"),
        (N("^referrers API or, without it, the referrers tag lists"), "Content discovery / Listing referrers; Backwards compatibility / Unavailable referrers API; Referrers tag schema",
            "a registry with the referrers API lists every manifest pushed with that subject; one without it (no OCI-Subject, 404 from the endpoint) leaves the client to keep an index under <alg>-<encoded> (cut to 32 and 64 characters), which the registry must store and serve back like any tagged index"),
        (N("^GET referrers filtered by an artifactType no referrer has"), "Content discovery / Listing referrers",
            "when the registry applies the artifactType filter (and says so in OCI-Filters-Applied), only descriptors of that type are listed: none, when no referrer has it"),
        (N("^GET referrers with a malformed digest gives 400$"), "Content discovery / Listing referrers; Endpoints (end-12a)",
            "a registry with the referrers API MUST answer an invalid request, such as a digest outside the grammar, with 400 (never 404)"),
        (N("^GET tags list includes every pushed tag$"), "Content discovery / Listing tags", "the tags list answers 200 with name and every tag of the repository"),
        (N("^tags list is in lexical order$"), "Content discovery / Listing tags", "tags are returned in lexical order"),
        (N("^GET tags list with n=\\d+ returns the first"), "Content discovery / Listing tags", "with ?n= the list MUST hold at most n tags, from the start"),
        (N("^Link header of a partial page"), "Content discovery / Listing tags", "a partial page carries a Link header with rel=\"next\" to the rest"),
        (N("^GET tags list with last returns"), "Content discovery / Listing tags", "with ?last= only tags lexically after it are listed"),
        (N("^GET tags list with n=1 and last"), "Content discovery / Listing tags", "n and last together give the n tags after last"),
        (N("^GET tags list with n=0"), "Content discovery / Listing tags", "with n=0 the list MUST be empty and carry no Link header"),
        (N("^DELETE tag gives 202$"), "Content management / Deleting tags", "a tag deletion MUST answer 202; where it is disabled, 400 or 405"),
        (N("^DELETE manifest by digest gives 202$"), "Content management / Deleting manifests", "a manifest deletion MUST answer 202; where it is disabled, 400 or 405"),
        (N("^DELETE blob \\d+ gives 202$"), "Content management / Deleting blobs", "a blob deletion MUST answer 202; where it is disabled, 400 or 405"),
        (N("^(GET|HEAD) deleted tag gives 404$|^GET tag of a deleted manifest gives 404$"), "Content management / Deleting tags and manifests",
            "after a deletion the deleted tag (and the tags of a deleted manifest) are gone: requests answer 404"),
        (N("^(GET|HEAD) deleted manifest by digest gives 404$"), "Content management / Deleting manifests", "a deleted manifest answers 404"),
        (N("^(GET|HEAD) deleted blobs gives 404$"), "Content management / Deleting blobs", "a deleted blob answers 404"),
        (N("^DELETE unknown manifest gives 404$"), "Content management / Deleting manifests", "deleting a manifest that does not exist MUST answer 404"),
        (N("^DELETE unknown blob gives 404"), "Content management / Deleting blobs; Error codes", "deleting a blob that does not exist MUST answer 404 (BLOB_UNKNOWN)"),
    ];

    /// <summary>The citation for a check, or null when none matches.</summary>
    public static (string Section, string Requirement)? For(string name)
    {
        foreach (var (pattern, section, requirement) in Table)
            if (pattern.IsMatch(name)) return (section, requirement);
        return null;
    }

    private static Regex N(string pattern) => new(pattern, RegexOptions.CultureInvariant);
}
