/*
 * floor-relay: the least work a verifying pull-through cache can do per byte, as a native
 * program, so the cold and IPFS runs can show what that work costs on the machine they run on.
 *
 * It serves one HTTP/1.1 GET at a time. For a blob path it asks its origin for the bytes, receives
 * them in 1 MiB reads, hashes every byte with SHA-256 (OpenSSL) and sends each read on to the
 * client from the same buffer. The last read is held until the digest named in the path matched;
 * a mismatch resets the client connection. In "cache" mode each read is also written to a file
 * (pwrite), flushed with fdatasync at the end and renamed into place, as a cache commits a blob.
 * In "forward" mode nothing touches the disk.
 *
 * The origin is a registry (the same path is asked for with GET), or, when a CID and size are
 * given, an IPFS node's RPC API (POST /api/v0/cat of that CID, a chunked body, for any blob path).
 * GET /v2/ is answered here, as a readiness probe.
 *
 * There is no concurrency, no single flight, no range support, no retry: whatever the facade costs
 * beyond this program is the price of those and of its runtime. The program is a measuring
 * instrument for bench/Load, never a server to run.
 *
 *   floor-relay <listen-port> <origin-port> forward|cache <directory> [<cid> <size>]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BODY_CHUNK (1 << 20)
#define HEAD_LIMIT 16384

static const char BAD_GATEWAY[] = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

struct origin {
    int port;
    const char *cid;   /* NULL: a registry */
    long long size;    /* the blob's size when the origin is an IPFS node */
};

/* An HTTP body being received: plain (Content-Length) or chunked. */
struct body {
    int fd;
    int chunked;
    long long chunk_left; /* bytes left in the current chunk */
    int started;          /* a chunk was read, so a CRLF precedes the next size line */
    int ended;            /* the last chunk (size 0) was seen */
    int broken;           /* a malformed frame or an error trailer */
};

/* Reads an HTTP head or a trailer section (through the blank line) into head; returns its length or -1. */
static int read_head(int fd, char *head)
{
    int used = 0;
    while (used < HEAD_LIMIT - 1) {
        ssize_t got = recv(fd, head + used, 1, 0);
        if (got <= 0)
            return -1;
        used++;
        int blank_only = used == 2 && memcmp(head, "\r\n", 2) == 0;
        if (blank_only || (used >= 4 && memcmp(head + used - 4, "\r\n\r\n", 4) == 0)) {
            head[used] = 0;
            return used;
        }
    }
    return -1;
}

static int recv_exact(int fd, void *into, size_t length)
{
    size_t done = 0;
    while (done < length) {
        ssize_t got = recv(fd, (char *)into + done, length - done, MSG_WAITALL);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        done += (size_t)got;
    }
    return 0;
}

static int send_all(int fd, const unsigned char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t sent = send(fd, bytes, length, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return -1;
        bytes += sent;
        length -= (size_t)sent;
    }
    return 0;
}

static int send_text(int fd, const char *text) { return send_all(fd, (const unsigned char *)text, strlen(text)); }

/* Starts the next chunk: its size line is peeked (at most 32 bytes) and then consumed exactly. */
static void next_chunk(struct body *b)
{
    char line[33];
    if (b->started && (recv_exact(b->fd, line, 2) != 0 || memcmp(line, "\r\n", 2) != 0)) {
        b->broken = 1;
        return;
    }
    b->started = 1;
    ssize_t seen = recv(b->fd, line, 32, MSG_PEEK);
    if (seen <= 0) {
        b->broken = 1;
        return;
    }
    line[seen] = 0;
    char *end = strstr(line, "\r\n");
    if (end == NULL) {
        b->broken = 1;
        return;
    }
    b->chunk_left = strtoll(line, NULL, 16);
    if (recv_exact(b->fd, line, (size_t)(end - line) + 2) != 0) {
        b->broken = 1;
        return;
    }
    if (b->chunk_left == 0) {
        /* Trailers end with an empty line; the node reports a failure mid-stream in one. */
        char trailers[HEAD_LIMIT];
        b->ended = 1;
        if (read_head(b->fd, trailers) < 0 || strcasestr(trailers, "x-stream-error: ") != NULL)
            b->broken = 1;
    }
}

/* Fills up to want bytes; returns how many (0 at the end), or -1 when the body broke. */
static ssize_t read_body(struct body *b, unsigned char *into, size_t want)
{
    if (!b->chunked) {
        ssize_t got = recv(b->fd, into, want, MSG_WAITALL);
        return got <= 0 ? -1 : got;
    }
    size_t got = 0;
    while (got < want && !b->ended) {
        if (b->chunk_left == 0)
            next_chunk(b);
        if (b->broken)
            return -1;
        if (b->ended)
            break;
        size_t take = want - got < (size_t)b->chunk_left ? want - got : (size_t)b->chunk_left;
        if (recv_exact(b->fd, into + got, take) != 0)
            return -1;
        got += take;
        b->chunk_left -= (long long)take;
    }
    return (ssize_t)got;
}

static int connect_origin(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof to) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* The 64 hex digits after "sha256:" in the path, or NULL when it names no such digest. */
static const char *expected_digest(const char *path)
{
    const char *at = strstr(path, "sha256:");
    if (at == NULL || strlen(at + 7) < 64)
        return NULL;
    return at + 7;
}

/*
 * Asks the origin for the path; on success fills the status, the body reader and the length the
 * client is told, and returns the origin's socket; -1 when the origin could not be asked.
 */
static int open_origin(const struct origin *o, const char *path, int *status, struct body *b, long long *length)
{
    char request[4400], head[HEAD_LIMIT];
    int fd = connect_origin(o->port);
    if (fd < 0)
        return -1;
    if (o->cid != NULL)
        snprintf(request, sizeof request, "POST /api/v0/cat?arg=%s HTTP/1.1\r\nHost: node\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", o->cid);
    else
        snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: upstream\r\nConnection: close\r\n\r\n", path);
    *status = 0;
    if (send_text(fd, request) != 0 || read_head(fd, head) < 4 || sscanf(head, "HTTP/1.%*d %d", status) != 1) {
        close(fd);
        return -1;
    }
    memset(b, 0, sizeof *b);
    b->fd = fd;
    b->chunked = strcasestr(head, "\r\ntransfer-encoding: chunked") != NULL;
    const char *length_field = strcasestr(head, "\r\ncontent-length:");
    if (o->cid != NULL)
        *length = o->size;
    else if (!b->chunked && length_field != NULL)
        *length = atoll(length_field + 17);
    else {
        close(fd);
        return -1;
    }
    return fd;
}

/* Relays one request; returns nonzero when the client must see the transfer fail. */
static int relay_one(int client, const struct origin *o, int cache, const char *directory, unsigned char *chunk, long serial)
{
    char head[HEAD_LIMIT], path[4096], response[256];
    if (read_head(client, head) < 0 || sscanf(head, "GET %4095s", path) != 1) {
        send_text(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return 0;
    }
    if (strcmp(path, "/v2/") == 0) {
        send_text(client, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        return 0;
    }
    int status;
    long long length;
    struct body b;
    int origin = open_origin(o, path, &status, &b, &length);
    if (origin < 0) {
        send_text(client, BAD_GATEWAY);
        return 0;
    }
    snprintf(response, sizeof response, "HTTP/1.1 %d Relayed\r\nContent-Length: %lld\r\nConnection: close\r\n\r\n", status, length);
    const char *expected = status == 200 ? expected_digest(path) : NULL;

    char temp[4400] = "", final[4400] = "";
    int file = -1;
    if (cache && expected != NULL) {
        snprintf(temp, sizeof temp, "%s/fill-%ld.tmp", directory, serial);
        snprintf(final, sizeof final, "%s/%.64s-%ld", directory, expected, serial);
        file = open(temp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
    }
    EVP_MD_CTX *hash = EVP_MD_CTX_new();
    EVP_DigestInit_ex(hash, EVP_sha256(), NULL);
    int failed = send_text(client, response) != 0;
    long long done = 0;
    while (!failed && done < length) {
        size_t want = length - done < BODY_CHUNK ? (size_t)(length - done) : BODY_CHUNK;
        ssize_t got = read_body(&b, chunk, want);
        if (got <= 0) {
            failed = 1;
            break;
        }
        EVP_DigestUpdate(hash, chunk, (size_t)got);
        if (file >= 0 && pwrite(file, chunk, (size_t)got, done) != got)
            failed = 1;
        done += got;
        if (done == length && expected != NULL) {
            unsigned char digest[32];
            char hex[65];
            EVP_DigestFinal_ex(hash, digest, NULL);
            for (int i = 0; i < 32; i++)
                sprintf(hex + 2 * i, "%02x", digest[i]);
            if (strncmp(hex, expected, 64) != 0)
                failed = 1;
        }
        if (!failed && send_all(client, chunk, (size_t)got) != 0)
            failed = 1;
    }
    /* The client has its last byte once the digest matched; the commit follows, as in the facade,
       and a commit that fails costs the cache its copy, never the client its transfer. */
    int committed = !failed && file >= 0 && fdatasync(file) == 0 && rename(temp, final) == 0;
    EVP_MD_CTX_free(hash);
    if (file >= 0) {
        close(file);
        if (!committed)
            unlink(temp);
    }
    close(origin);
    return failed;
}

/* Makes the coming close a reset, so the client sees a failed transfer rather than a clean end. */
static void close_with_reset(int fd)
{
    struct linger hard = {.l_onoff = 1, .l_linger = 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
}

int main(int argc, char **argv)
{
    if ((argc != 5 && argc != 7) || (strcmp(argv[3], "forward") != 0 && strcmp(argv[3], "cache") != 0)) {
        fprintf(stderr, "usage: floor-relay <listen-port> <origin-port> forward|cache <directory> [<cid> <size>]\n");
        return 2;
    }
    int listen_port = atoi(argv[1]), cache = strcmp(argv[3], "cache") == 0;
    struct origin o = {.port = atoi(argv[2]), .cid = argc == 7 ? argv[5] : NULL, .size = argc == 7 ? atoll(argv[6]) : 0};
    int listener = socket(AF_INET, SOCK_STREAM, 0), on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons((uint16_t)listen_port)};
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&at, sizeof at) != 0 || listen(listener, 64) != 0) {
        perror("floor-relay: listen");
        return 1;
    }
    unsigned char *chunk = malloc(BODY_CHUNK);
    if (chunk == NULL)
        return 1;
    printf("floor-relay: %s mode on 127.0.0.1:%d, %s on 127.0.0.1:%d\n", argv[3], listen_port, o.cid ? "IPFS node" : "registry", o.port);
    fflush(stdout);
    for (long serial = 0;; serial++) {
        int client = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        if (relay_one(client, &o, cache, argv[4], chunk, serial))
            close_with_reset(client);
        else
            shutdown(client, SHUT_WR);
        close(client);
    }
}
