"""Builders for synthetic web pages: a real-looking article with a slot for the thing tested."""

from __future__ import annotations

PROSE = [
    "The river had been rising for three days before anyone in the valley thought to move the "
    "grain stores, and by then the lower road was already under water, which meant that the "
    "carts had to go the long way round, over the ridge and down through the orchards.",
    "Officials said on Tuesday that the flood defences, built in the nineteen-sixties and "
    "repaired piecemeal ever since, had held better than expected, although two of the older "
    "sluice gates failed, flooding the allotments and part of the old tannery district.",
    "Residents interviewed at the community hall described a night of sandbags, borrowed "
    "pumps and improvised rafts, and several praised the volunteers who went door to door "
    "checking on elderly neighbours, many of whom refused at first to leave their homes.",
    "Engineers now expect the water to recede slowly over the coming week, and the council "
    "has promised an independent review of the defences, the warning system and the way the "
    "evacuation of the lower streets was organised once the first gates had given way.",
]


def article_page(
    inner: str = "",
    *,
    title: str = "Valley floods after river bursts its banks",
    head: str = "",
    before: str = "",
    after: str = "",
    lang: str = "en",
) -> bytes:
    """A news page: site chrome around an <article> holding four paragraphs of prose and
    `inner` between the second and third paragraph."""
    p = [f"<p>{text}</p>" for text in PROSE]
    html = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | The Valley Gazette</title>{head}</head>
<body>
  <header class="site-header"><a href="/">The Valley Gazette</a>
    <nav class="main-menu"><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
  <main>
    <article class="post-content">
      <h1>{title}</h1>
      {before}{p[0]}{p[1]}{inner}{p[2]}{p[3]}{after}
    </article>
  </main>
  <div class="sidebar"><h3>Elsewhere</h3><ul><li><a href="/a">Sidebar headline</a></li></ul></div>
  <footer class="site-footer">Copyright The Valley Gazette</footer>
</body></html>"""
    return html.encode("utf-8")
