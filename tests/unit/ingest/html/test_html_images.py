"""Images: data: URIs stored, remote ones loaded through the caller's loader, rest dropped."""

from __future__ import annotations

import base64
import hashlib

from archivist.core.ingest.html import extract_html, resolve_images
from archivist.core.ingest.html.dom import parse_html

from .pages import article_page

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
) + b"\x00" * 200  # padded past the spacer-size threshold
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 300
REF = "archivist-image:" + hashlib.sha256(PNG).hexdigest()


def _figure(src: str, alt: str = "A flooded street in Lowmead with cars under water") -> str:
    return f'<figure><img src="{src}" alt="{alt}"><figcaption>Lowmead on Wednesday.</figcaption></figure>'


def test_data_uri_image_is_stored_and_referenced() -> None:
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    art = extract_html(article_page(_figure(uri)))
    assert f'src="{REF}"' in art.html
    assert [a.ref for a in art.images] == [REF]
    assert art.images[0].data == PNG and art.images[0].media_type == "image/png"


def test_relative_image_goes_through_the_loader_as_an_absolute_url() -> None:
    asked: list[str] = []

    def loader(url: str) -> tuple[bytes, str] | None:
        asked.append(url)
        return PNG, "image/png"

    art = extract_html(article_page(_figure("../img/street.png")), url="https://gazette.example/news/floods",
                       resource_loader=loader)
    assert "https://gazette.example/img/street.png" in asked
    assert f'src="{REF}"' in art.html
    assert REF in {a.ref for a in art.images}


def test_lazy_loaded_image_uses_its_real_source() -> None:
    markup = ('<figure><img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
              'data-src="https://cdn.example/real.jpg" alt="x"></figure>')
    asked: list[str] = []
    extract_html(article_page(markup), resource_loader=lambda u: (asked.append(u), (JPEG, "image/jpeg"))[1])
    assert asked == ["https://cdn.example/real.jpg"]


def test_unloadable_image_is_dropped_but_meaningful_alt_kept() -> None:
    art = extract_html(article_page(_figure("https://cdn.example/street.jpg")))
    assert "<img" not in art.html
    assert "A flooded street in Lowmead with cars under water" in art.text
    assert art.images == ()


def test_unhelpful_alt_is_not_kept() -> None:
    for alt in ("photo", "IMG_2041.jpg", "Lowmead on Wednesday."):
        art = extract_html(article_page(_figure("https://cdn.example/a.jpg", alt)))
        assert "<img" not in art.html
        assert "IMG_2041" not in art.text and "photo" not in art.text
        assert art.text.count("Lowmead on Wednesday") == 1


def test_loader_answer_that_is_not_an_image_is_refused() -> None:
    art = extract_html(article_page(_figure("https://cdn.example/a.jpg")),
                       resource_loader=lambda u: (b"<html>not found</html>" * 10, "text/html"))
    assert art.images == () and "<img" not in art.html


def test_lead_image_is_stored_when_a_loader_is_given() -> None:
    head = '<meta property="og:image" content="https://cdn.example/lead.png">'
    art = extract_html(article_page(head=head), resource_loader=lambda u: (PNG, "image/png"))
    assert art.lead_image == REF
    assert REF in {a.ref for a in art.images}
    assert extract_html(article_page(head=head)).lead_image == "https://cdn.example/lead.png"


def test_resolve_images_on_a_fragment() -> None:
    root = parse_html('<html><body><p><img src="/a.png" alt="a"><img src="/a.png"></p></body></html>')
    assets = resolve_images(root, lambda u: (PNG, "image/png"), base_url="https://x.example/")
    assert len(assets) == 1
    assert [img.get("src") for img in root.iter("img")] == [REF, REF]
