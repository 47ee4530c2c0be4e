"""Download addresses of the dataset, all made from one setting: `homepage` in
schemas/package.yaml (the repository on GitHub).

The README, the data README inside a release, CITATION.cff, .zenodo.json and the explorer's
download links take their addresses from here, and a test checks that they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

GITHUB = re.compile(r"https://github\.com/(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+)")


class UrlError(Exception):
    """The homepage setting is missing or not a GitHub repository address."""


@dataclass(frozen=True)
class Urls:
    owner: str
    repo: str
    name: str
    version: str

    @property
    def repository(self) -> str:
        return f"https://github.com/{self.owner}/{self.repo}"

    def raw(self, ref: str = "main") -> str:
        """Base address of the files of the repository at `ref` (a branch or tag)."""
        return f"https://raw.githubusercontent.com/{self.owner}/{self.repo}/{ref}"

    def descriptor(self, ref: str = "main") -> str:
        return f"{self.raw(ref)}/datapackage.json"

    def csv(self, table: str, ref: str = "main") -> str:
        return f"{self.raw(ref)}/data/csv/{table}.csv"

    def json(self, table: str, ref: str = "main") -> str:
        return f"{self.raw(ref)}/data/json/{table}.json"

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def zip_name(self) -> str:
        return f"{self.name}-{self.version}.zip"

    @property
    def release_zip(self) -> str:
        """The zip of the current version, attached to its GitHub Release."""
        return f"{self.repository}/releases/download/{self.tag}/{self.zip_name}"

    @property
    def latest_zip(self) -> str:
        """The zip of the newest release, under a name without the version."""
        return f"{self.repository}/releases/latest/download/{self.name}.zip"

    @property
    def releases(self) -> str:
        return f"{self.repository}/releases"

    @property
    def site(self) -> str:
        """The explorer, published on GitHub Pages."""
        return f"https://{self.owner}.github.io/{self.repo}/"


def from_metadata(meta: dict[str, Any]) -> Urls:
    homepage = str(meta.get("homepage", ""))
    found = GITHUB.fullmatch(homepage.rstrip("/"))
    if not found:
        raise UrlError(
            f"schemas/package.yaml: homepage {homepage!r} is not https://github.com/OWNER/REPO"
        )
    return Urls(found["owner"], found["repo"], str(meta["name"]), str(meta["version"]))
