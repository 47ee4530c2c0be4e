"""Release archives: the published package, its documents and other formats in one zip.

`dist/india-pakistan-relations-X.Y.Z.zip` holds, at its root, datapackage.json (so that
frictionless reads the zip as the data package: `Package(zip)`, `frictionless validate zip`),
data/csv/, data/json/, the SQLite database and Parquet files made from them, the documents
(LICENSE, CITATION.cff, and CODEBOOK.md and CHANGELOG.md when present), README.md, the data
README for people who downloaded the data (rendered from docs/DATA-README.md, not the
developer README of the repository) and SHA256SUMS, the checksums of every other file.
`dist/SHA256SUMS` lists the checksums of every release zip in dist/. The zip is
deterministic: entries are sorted, dated 1980-01-01 and carry fixed permissions, so the same
files give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from indopak.io.urls import UrlError
from indopak.publish import datareadme
from indopak.publish.export import SQLITE_NAME, ExportError, export
from indopak.schema.project import Project

SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DOCUMENTS = ("LICENSE", "CITATION.cff", datareadme.TEMPLATE)
OPTIONAL_DOCUMENTS = ("CODEBOOK.md", "CHANGELOG.md")
JSON_DESCRIPTOR = "data/json/datapackage.json"


class ReleaseError(Exception):
    """The release cannot be made; reported on one line."""


@dataclass
class Release:
    archive: Path
    checksums: Path
    members: list[str]


def archive_name(name: str, version: str) -> str:
    return f"{name}-{version}"


def check_version(project: Project, version: str) -> None:
    """The version is X.Y.Z and every place that states the version agrees with it."""
    if not SEMVER.fullmatch(version):
        raise ReleaseError(f"version {version!r} is not of the form MAJOR.MINOR.PATCH")
    stated = {"schemas/package.yaml": str(project.package_metadata.get("version"))}
    descriptor = project.root / "datapackage.json"
    if descriptor.is_file():
        stated["datapackage.json"] = str(json.loads(descriptor.read_text("utf-8")).get("version"))
    citation = project.root / "CITATION.cff"
    if citation.is_file():
        stated["CITATION.cff"] = str(yaml.safe_load(citation.read_text("utf-8")).get("version"))
    zenodo = project.root / ".zenodo.json"
    if zenodo.is_file():
        stated[".zenodo.json"] = str(json.loads(zenodo.read_text("utf-8")).get("version"))
    wrong = [f"{where} says {said}" for where, said in stated.items() if said != version]
    if wrong:
        raise ReleaseError(
            f"cannot release {version}: {'; '.join(wrong)} "
            "(set the version in schemas/package.yaml, CITATION.cff and .zenodo.json, then "
            "run `indopak build`)"
        )


def _read(root: Path, rel: str) -> bytes:
    path = root / rel
    if not path.is_file():
        raise ReleaseError(f"cannot release: {rel} is missing")
    return path.read_bytes()


def package_files(root: Path) -> dict[str, bytes]:
    """The published package (both descriptors and their tables), checked against its hashes."""
    files: dict[str, bytes] = {}
    for descriptor in ("datapackage.json", JSON_DESCRIPTOR):
        files[descriptor] = _read(root, descriptor)
        base = Path(descriptor).parent
        try:
            resources = json.loads(files[descriptor])["resources"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ReleaseError(
                f"cannot release: {descriptor} is not a package descriptor ({exc})"
            ) from exc
        for resource in resources:
            rel = (base / resource["path"]).as_posix()
            content = _read(root, rel)
            expected = resource.get("hash")
            if expected and expected != "sha256:" + hashlib.sha256(content).hexdigest():
                raise ReleaseError(
                    f"cannot release: {rel} differs from the hash in "
                    f"{descriptor}; run `indopak build`"
                )
            files[rel] = content
    return files


def document_files(root: Path) -> dict[str, bytes]:
    files = {rel: _read(root, rel) for rel in DOCUMENTS}
    files.update(
        {rel: (root / rel).read_bytes() for rel in OPTIONAL_DOCUMENTS if (root / rel).is_file()}
    )
    return files


def format_files(root: Path) -> dict[str, bytes]:
    """The SQLite database and Parquet files made from the published package."""
    with tempfile.TemporaryDirectory(prefix="indopak-release-") as temp:
        out = Path(temp)
        try:
            export(
                root / "datapackage.json", out / "data/sqlite" / SQLITE_NAME, out / "data/parquet"
            )
        except ExportError as exc:
            raise ReleaseError(f"cannot release: {exc}") from exc
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }


def sha256sums(files: dict[str, bytes]) -> bytes:
    """`sha256sum`-style lines (hash, two spaces, path), sorted by path."""
    return "".join(
        f"{hashlib.sha256(files[rel]).hexdigest()}  {rel}\n" for rel in sorted(files)
    ).encode("utf-8")


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    """A deterministic zip of `files` at its root, written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".release-", suffix=".zip", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp, "w") as archive:
            for rel in sorted(files):
                info = zipfile.ZipInfo(rel, date_time=ZIP_TIME)
                info.create_system = 3  # unix, so the permissions below are read
                info.external_attr = 0o100644 << 16
                archive.writestr(
                    info, files[rel], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9
                )
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def write_dist_checksums(dist: Path, name: str) -> Path:
    """dist/SHA256SUMS over every release zip of the dataset in dist/."""
    zips = {p.name: p.read_bytes() for p in sorted(dist.glob(f"{name}-*.zip"))}
    target = dist / "SHA256SUMS"
    target.write_bytes(sha256sums(zips))
    return target


def release(project: Project, version: str, dist: Path | None = None) -> Release:
    """Make `dist/<name>-<version>.zip` and update `dist/SHA256SUMS`."""
    check_version(project, version)
    root = project.root
    dist = dist or root / "dist"
    name = str(project.package_metadata["name"])
    files = {**package_files(root), **document_files(root), **format_files(root)}
    try:
        files["README.md"] = datareadme.render(root, project.package_metadata, files)
    except UrlError as exc:
        raise ReleaseError(f"cannot release: {exc}") from exc
    del files[datareadme.TEMPLATE]
    files["SHA256SUMS"] = sha256sums(files)
    archive = dist / f"{archive_name(name, version)}.zip"
    write_zip(archive, files)
    return Release(archive, write_dist_checksums(dist, name), sorted(files))
