"""Images of the article: find the real source, load it, and point the HTML at the copy.

An archived article must display offline and never reach the network, so every <img> ends up
either as `archivist-image:<sha256>` (its bytes travel with the article as an ImageAsset) or,
when it cannot be loaded, replaced by its alt text when that says something. `data:` URIs are
decoded here; anything else goes through a caller-supplied loader (a fetcher for http(s), a
file reader for pages saved with their "_files" folder). Lazy-loading markup is undone first:
many pages keep the real URL in data-src/srcset and a placeholder in src.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

from archivist.core.ingest.html.dom import HtmlElement, remove
from archivist.core.ingest.html.jsonld import text_similarity
from archivist.core.ingest.image_types import sniff_image_type
from archivist.core.types import ImageAsset

ResourceLoader = Callable[[str], "tuple[bytes, str] | None"]
IMAGE_REF_SCHEME = "archivist-image:"
MAX_IMAGE_BYTES = 25 * 1024 * 1024
_MIN_IMAGE_BYTES = 100  # smaller than this is a spacer or tracking pixel

_B64_DATA_URL = re.compile(r"^data:\s*([^\s;,]+)\s*;\s*base64\s*,", re.I)
_IMAGE_EXT = re.compile(r"\.(jpg|jpeg|png|webp)", re.I)
_SRCSET_IN_VALUE = re.compile(r"\.(jpg|jpeg|png|webp)\s+\d")
_SRC_IN_VALUE = re.compile(r"^\s*\S+\.(jpg|jpeg|png|webp)\S*\s*$", re.I)
_SRCSET_ITEM = re.compile(r"(\S+)(\s+([\d.]+)[xw])?\s*(?:,|$)")
_FILENAME_ALT = re.compile(r"^[\w\-. ]+\.(jpe?g|png|gif|webp|svg|bmp|tiff?)$", re.I)
_CREDIT_ALT = re.compile(
    r"^[(\[]?\s*(?:(?:photo|image|picture)\s*)?(?:(?:credits?|source)\s*[:：]|courtesy\b|©)", re.I
)
_TEX_DISPLAY = re.compile(r"^\{\\(?:display|text)style\s*(.*)\}$", re.S)
_GENERIC_ALT = frozenset(
    "image img photo picture pic figure graphic logo icon thumbnail thumb avatar placeholder "
    "spacer banner untitled null undefined alt".split()
)


def fix_lazy_images(root: HtmlElement) -> None:
    """Give lazily loaded images their real source (data-src, data-srcset and the like)."""
    for el in list(root.iter("img", "picture", "figure")):
        tag = el.tag
        src = el.get("src") if tag == "img" else None
        srcset = el.get("srcset") if tag == "img" else None
        if src:
            match = _B64_DATA_URL.match(src)
            if match and match.group(1).lower() != "image/svg+xml":
                # a tiny base64 src next to a real URL elsewhere is a placeholder
                other = any(
                    _IMAGE_EXT.search(v) for k, v in el.attrib.items() if k != "src"
                )
                if other and len(src) - (src.lower().find("base64") + 7) < 133:
                    del el.attrib["src"]
                    src = None
        if (src or (srcset and srcset != "null")) and "lazy" not in (el.get("class") or "").lower():
            continue
        for name, value in list(el.attrib.items()):
            if name in ("src", "srcset", "alt"):
                continue
            copy_to = None
            if _SRCSET_IN_VALUE.search(value):
                copy_to = "srcset"
            elif _SRC_IN_VALUE.match(value):
                copy_to = "src"
            if not copy_to:
                continue
            if tag in ("img", "picture"):
                el.set(copy_to, value)
            elif tag == "figure" and not any(True for _ in el.iterdescendants("img", "picture")):
                img = el.makeelement("img", {copy_to: value})
                el.append(img)


def best_srcset_url(srcset: str) -> str | None:
    """The largest candidate of a srcset ("a.jpg 1x, b.jpg 2x" -> "b.jpg")."""
    best: tuple[float, str] | None = None
    for match in _SRCSET_ITEM.finditer(srcset.strip()):
        url = match.group(1)
        if not url or url == ",":
            continue
        try:
            size = float(match.group(3)) if match.group(3) else 1.0
        except ValueError:
            size = 1.0
        if best is None or size > best[0]:
            best = (size, url.rstrip(","))
    return best[1] if best else None


def image_source(img: HtmlElement) -> str | None:
    """The URL an <img> would show: src, else the best srcset candidate (also from <picture>)."""
    src = (img.get("src") or "").strip()
    if src and src != "null":
        return src
    for holder in (img, img.getparent()):
        if holder is None:
            continue
        srcset = holder.get("srcset")
        if srcset and srcset != "null":
            url = best_srcset_url(srcset)
            if url:
                return url
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            url = best_srcset_url(source.get("srcset") or "")
            if url:
                return url
    return None




def decode_data_url(url: str) -> tuple[bytes, str] | None:
    """Bytes and media type of a `data:` URL (None when malformed)."""
    header, sep, payload = url.partition(",")
    if not sep:
        return None
    params = [p.strip() for p in header[5:].split(";")]
    media_type = (params[0] or "text/plain").lower()
    try:
        if any(p.lower() == "base64" for p in params[1:]):
            data = base64.b64decode(re.sub(r"\s+", "", unquote_to_bytes(payload).decode("ascii", "replace")))
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None
    return data, media_type


class ImageResolver:
    """Loads image sources once each and turns them into ImageAssets with stable refs."""

    def __init__(self, base_url: str | None, loader: ResourceLoader | None) -> None:
        self.base_url = base_url
        self.loader = loader
        self.assets: dict[str, ImageAsset] = {}
        self._seen: dict[str, str | None] = {}

    def resolve(self, src: str) -> str | None:
        """The `archivist-image:` ref for `src`, or None when it cannot be loaded."""
        src = src.strip()
        if src in self._seen:
            return self._seen[src]
        ref = self._load(src)
        self._seen[src] = ref
        return ref

    def _load(self, src: str) -> str | None:
        if src.startswith(IMAGE_REF_SCHEME):
            return src if src in self.assets else None
        if src[:5].lower() == "data:":
            loaded = decode_data_url(src)
        else:
            if self.loader is None:
                return None
            target = src
            if self.base_url:
                try:
                    target = urljoin(self.base_url, src)
                except ValueError:
                    return None
            if urlsplit(target).scheme.lower() in ("javascript", "about", "blob"):
                return None
            try:
                loaded = self.loader(target)
            except (OSError, ValueError):
                loaded = None
        if not loaded:
            return None
        data, media_type = loaded
        if len(data) < _MIN_IMAGE_BYTES or len(data) > MAX_IMAGE_BYTES:
            return None
        # Trust the bytes, not the label: only raster images we recognise are stored. SVG is
        # refused whatever its source, since it can carry scripts and remote references.
        media_type = sniff_image_type(data) or ""
        if not media_type.startswith("image/") or media_type == "image/svg+xml":
            return None
        ref = IMAGE_REF_SCHEME + hashlib.sha256(data).hexdigest()
        self.assets.setdefault(ref, ImageAsset(ref=ref, data=data, media_type=media_type))
        return ref


def meaningful_alt(img: HtmlElement, title: str = "", repeated: frozenset[str] = frozenset()) -> str | None:
    """The alt text worth showing in place of a missing image, or None.

    Not worth it: file names and words like "photo", alts that repeat the article title or the
    caption next to the image, alts shared by several images (templates), markup fragments.
    """
    alt = " ".join((img.get("alt") or img.get("title") or "").split())
    if len(alt) < 3 or "<" in alt or _FILENAME_ALT.match(alt) or alt in repeated:
        return None
    if _CREDIT_ALT.match(alt):
        return None
    tex = _TEX_DISPLAY.match(alt)  # formula images (e.g. Wikipedia) carry their TeX source
    if tex:
        return tex.group(1).strip() or None
    if alt.lower().strip(".") in _GENERIC_ALT or len(alt.split()) < 2:
        return None
    if title and text_similarity(title, alt) > 0.5:
        return None
    return None if _repeats_caption(img, alt) else alt


def _repeats_caption(img: HtmlElement, alt: str) -> bool:
    """True when a caption near the image (its figcaption, or the block just before or after
    the image's figure/container) already says what the alt says."""
    holder = next(img.iterancestors("figure"), None)
    if holder is None:
        holder = next(img.iterancestors("p", "div", "li"), None)
    if holder is None:
        return False
    nearby = [holder.find(".//figcaption"), holder.getnext(), holder.getprevious()]
    for block in nearby:
        if block is not None and isinstance(block.tag, str):
            text = block.text_content()[:1000]
            if text.strip() and text_similarity(text, alt) > 0.5:
                return True
    return False


def _repeated_alts(root: HtmlElement) -> frozenset[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for img in root.iter("img"):
        alt = " ".join((img.get("alt") or "").split())
        if alt:
            (repeated if alt in seen else seen).add(alt)
    return frozenset(repeated)


def _replace_with_alt(img: HtmlElement, alt: str | None) -> None:
    """Drop an image that cannot be shown, leaving "[alt text]" in its place when given."""
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        img, parent = parent, parent.getparent()
    if parent is None:
        return
    if not alt:
        remove(img)
        return
    span = img.makeelement("span", {})
    span.text = f"[{alt}]"
    span.tail = img.tail
    parent.replace(img, span)


def resolve_images(root: HtmlElement, fetch: ResourceLoader | None,
                   base_url: str | None = None) -> tuple[ImageAsset, ...]:
    """Point every <img> under `root` at a loaded copy, or drop it (keeping meaningful alt).

    `fetch(url)` returns (bytes, media type) or None; it gets absolute URLs when `base_url`
    is known and the page's own (possibly relative) reference otherwise.
    """
    resolver = ImageResolver(base_url, fetch)
    return rewrite_images(root, resolver)


def rewrite_images(root: HtmlElement, resolver: ImageResolver,
                   title: str = "") -> tuple[ImageAsset, ...]:
    """resolve_images with a caller-held resolver (so the lead image can share its cache);
    `title` is the article's, so that alt texts merely repeating it are not kept."""
    repeated = _repeated_alts(root)
    for img in list(root.iter("img")):
        src = image_source(img)
        ref = resolver.resolve(src) if src else None
        if ref is None:
            _replace_with_alt(img, meaningful_alt(img, title, repeated))
            continue
        keep = {k: img.get(k) for k in ("alt", "title", "width", "height") if img.get(k)}
        img.attrib.clear()
        img.set("src", ref)
        for key, value in keep.items():
            img.set(key, value)
        parent = img.getparent()
        if parent is not None and parent.tag == "picture":
            for source in list(parent.iter("source")):
                remove(source)
    return tuple(resolver.assets.values())
