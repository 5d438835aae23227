"""The only way WeasyPrint may load anything: regular files under assets_dir().

WeasyPrint's default fetcher opens file:, http(s):, ftp: and data: URLs, so an
<img src="file:///etc/passwd"> or a stylesheet URL would end up inside the
PDF or reach the network. This fetcher serves files whose resolved path (after
`..` and symlinks) lies under the asset folder and refuses everything else
with FatalURLFetchingError: any other exception only logs a warning and the
render goes on without the resource, which would hide the attempt. What it
serves is read as input_files reads any file: a regular file (never a FIFO or
a device), at most ASSET_LIMIT bytes.

Importing this module imports WeasyPrint: only the PDF writer does.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from letterkit.input_files import ASSET_LIMIT, UnreadableFile, read_bytes
from letterkit.paths import assets_dir

# What we ship as assets; the type matters to WeasyPrint only for images/CSS.
_CONTENT_TYPES = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class AssetFetcher(URLFetcher):
    """Serves `file:` URLs of regular files under `root` (default: assets_dir())."""

    def __init__(self, root: Path | None = None):
        # fail_on_errors: even an error we did not foresee stops the render.
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.root = (root if root is not None else assets_dir()).resolve(strict=True)

    def base_url(self) -> str:
        """The base URL relative references (`fonts/x.ttf`) resolve against."""
        return self.root.as_uri() + "/"

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        try:
            body = read_bytes(path, limit=ASSET_LIMIT, inside=self.root)
        except UnreadableFile as exc:  # a FIFO, a device, a font over the cap
            raise FatalURLFetchingError(f"refused to load {url!r}: it {exc}") from None
        return URLFetcherResponse(
            url=path.as_uri(),
            body=body,
            headers={"Content-Type": _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")},
        )

    def resolve(self, url: str) -> Path:
        """The asset file `url` names, or FatalURLFetchingError."""
        path = _local_path(url)
        try:
            resolved = path.resolve(strict=True)  # follows symlinks and `..`
        except (OSError, RuntimeError, ValueError) as exc:  # missing, loop, NUL byte
            raise FatalURLFetchingError(f"refused to load {url!r}: {exc.__class__.__name__}") from None
        if not resolved.is_relative_to(self.root) or not resolved.is_file():
            raise FatalURLFetchingError(f"refused to load {url!r}: not a file under {self.root}")
        return resolved


def _local_path(url: str) -> Path:
    """The filesystem path of a plain `file:` URL; every other URL is refused."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FatalURLFetchingError(f"refused to load {url!r}: malformed URL") from None
    if parts.scheme.lower() != "file":
        raise FatalURLFetchingError(f"refused to load {url!r}: only the shipped assets may be loaded")
    if parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
        raise FatalURLFetchingError(f"refused to load {url!r}: not a plain local file URL")
    path = Path(url2pathname(parts.path))
    if not path.is_absolute():
        raise FatalURLFetchingError(f"refused to load {url!r}: not an absolute path")
    return path
