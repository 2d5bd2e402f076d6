"""MathML to plain HTML, so formulas survive sanitising as readable text.

The sanitiser (like most) drops foreign MathML elements together with their content, which
would silently delete every formula of a maths-heavy article. Flattening keeps the symbols in
order, with sub- and superscripts as <sub>/<sup>, a "/" between a fraction's parts and "√" in
front of roots: not typeset, but faithful and searchable.
"""

from __future__ import annotations

from archivist.core.ingest.html.dom import HtmlElement, remove

_DROP = ("annotation", "annotation-xml", "mprescripts", "none")
_SCRIPTS = {"msup": ("sup",), "msub": ("sub",), "msubsup": ("sub", "sup"),
            "munder": ("sub",), "mover": ("sup",), "munderover": ("sub", "sup")}


def flatten_mathml(root: HtmlElement) -> None:
    """Rewrite every <math> under `root` into spans (a <div> for display="block")."""
    for math in list(root.iter("math")):
        block = math.get("display") == "block"
        for el in list(math.iterdescendants(*_DROP)):
            remove(el)
        for el in list(math.iter()):
            tag = el.tag
            if not isinstance(tag, str):
                continue
            children = [c for c in el if isinstance(c.tag, str)]
            if tag in _SCRIPTS:
                for child, script in zip(children[1:], _SCRIPTS[tag]):
                    child.tag = script
                    child.attrib.clear()
            elif tag == "mfrac" and len(children) == 2:
                children[0].tail = "/" + (children[0].tail or "")
            elif tag in ("msqrt", "mroot"):
                el.text = "√" + (el.text or "")
        for el in math.iter():
            if isinstance(el.tag, str) and el.tag not in ("sub", "sup"):
                el.tag = "span"
                el.attrib.clear()
        math.tag = "div" if block else "span"
