#!/usr/bin/env python3
"""Writes an OCI image layout from layer tars: each tar is gzipped (no name, no time, so the
same input gives the same digest), the config carries the facade's run settings, and index.json
names the manifest by --tag. Reads every tar once, streaming, in 1 MiB chunks."""
import argparse
import datetime
import gzip
import hashlib
import json
import os
import shutil

CHUNK = 1 << 20


def write_blob(blobs, data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return {"digest": "sha256:" + digest, "size": len(data)}


def add_layer(blobs, tar_path):
    """Gzips tar_path into the blob store; returns (descriptor, diff_id)."""
    raw = hashlib.sha256()
    partial = os.path.join(blobs, "partial")
    with open(tar_path, "rb") as src, open(partial, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
            while chunk := src.read(CHUNK):
                raw.update(chunk)
                gz.write(chunk)
    packed = hashlib.sha256()
    with open(partial, "rb") as f:
        while chunk := f.read(CHUNK):
            packed.update(chunk)
    size = os.path.getsize(partial)
    os.replace(partial, os.path.join(blobs, packed.hexdigest()))
    descriptor = {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                  "digest": "sha256:" + packed.hexdigest(), "size": size}
    return descriptor, "sha256:" + raw.hexdigest()


def canonical(obj):
    return json.dumps(obj, separators=(",", ":"), sort_keys=True).encode()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--arch", required=True)
    p.add_argument("--tag", required=True)
    p.add_argument("--created", required=True, type=int)
    p.add_argument("--layer", nargs=2, action="append", metavar=("TAR", "COMMENT"), required=True)
    a = p.parse_args()

    shutil.rmtree(a.out, ignore_errors=True)
    blobs = os.path.join(a.out, "blobs", "sha256")
    os.makedirs(blobs)
    created = datetime.datetime.fromtimestamp(a.created, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    layers, diff_ids, history = [], [], []
    for tar_path, comment in a.layer:
        descriptor, diff_id = add_layer(blobs, tar_path)
        layers.append(descriptor)
        diff_ids.append(diff_id)
        history.append({"created": created, "created_by": "scripts/image.sh", "comment": comment})

    config = {
        "architecture": a.arch,
        "os": "linux",
        "created": created,
        "config": {
            # The same settings the Dockerfile's facade stage has, minus the dotnet host
            # (the publish is self-contained).
            "User": "65532:65532",
            "Env": [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "ASPNETCORE_ENVIRONMENT=Production",
                "DOTNET_gcServer=0",
                "Facade__Cache__Directory=/var/cache/facade",
            ],
            "Entrypoint": ["/app/Facade"],
            "Cmd": ["--Urls=http://0.0.0.0:5000"],
            "WorkingDir": "/app",
            "ExposedPorts": {"5000/tcp": {}},
            "Volumes": {"/var/cache/facade": {}},
        },
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    }
    config_descriptor = write_blob(blobs, canonical(config))
    config_descriptor["mediaType"] = "application/vnd.oci.image.config.v1+json"
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": config_descriptor,
        "layers": layers,
    }
    manifest_descriptor = write_blob(blobs, canonical(manifest))
    manifest_descriptor["mediaType"] = manifest["mediaType"]
    manifest_descriptor["annotations"] = {"org.opencontainers.image.ref.name": a.tag}
    manifest_descriptor["platform"] = {"architecture": a.arch, "os": "linux"}
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
             "manifests": [manifest_descriptor]}
    with open(os.path.join(a.out, "index.json"), "wb") as f:
        f.write(canonical(index))
    with open(os.path.join(a.out, "oci-layout"), "wb") as f:
        f.write(canonical({"imageLayoutVersion": "1.0.0"}))
    print(manifest_descriptor["digest"])


if __name__ == "__main__":
    main()
