"""
What "no executable construct" means, checked on HTML text with the standard library's parser.

Used on the sanitiser's output (nothing dangerous may be there at all) and on whole public pages
(nothing dangerous beyond what the same page has with harmless content: the site's own search
form, meta tags and JSON-LD).
"""

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

PAYLOADS_FILE = Path(__file__).with_name("xss_payloads.txt")

# Elements that run script, load active content, or change how the rest of the page is read.
DANGEROUS_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "meta", "base", "form", "style", "link", "portal", "isindex", "template", "noscript",
}  # fmt: skip
# Attributes that hold a URL a browser may navigate to or load.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "srcset", "lowsrc", "dynsrc", "cite", "longdesc", "ping", "manifest", "codebase",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What a browser's URL parser ignores: leading/trailing C0 controls and spaces; tab/LF/CR anywhere.
TRIM = "".join(chr(c) for c in range(0x21))


def load_payloads():
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("# ")]


def url_scheme(value):
    """The scheme a browser would see in an attribute value (already entity-decoded), or None."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip(TRIM)
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs)
        self.scripts = []  # [type, content]
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self._in_script = [dict(attrs).get("type") or "", ""]
            self.scripts.append(self._in_script)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script[1] += data


def parse(html):
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def attribute_problems(elements):
    problems = []
    for tag, attrs in elements:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...>: event handler")
            elif name in {"style", "srcdoc"}:
                problems.append(f"<{tag} {name}=...>: {name} attribute")
            elif name == "http-equiv" and value.strip().lower() in {"refresh", "set-cookie"}:
                problems.append(f"<{tag} http-equiv={value}>")
            elif name in URL_ATTRIBUTES:
                urls = [part.strip().split(" ")[0] for part in value.split(",")]
                urls = urls if name == "srcset" else [value]
                for url in urls:
                    scheme = url_scheme(url)
                    if scheme and scheme not in SAFE_SCHEMES:
                        problems.append(f"<{tag} {name}={value!r}>: {scheme}: URL")
    return problems


def executable_constructs(fragment):
    """Problems in a rich-text fragment: any dangerous element or attribute at all."""
    parsed = parse(fragment)
    problems = [f"<{tag}> element" for tag, _ in parsed.elements if tag in DANGEROUS_TAGS]
    return problems + attribute_problems(parsed.elements)


def _signature(tag, attrs):
    """What identifies one of the page's own dangerous elements, whatever text it carries."""
    kept = {"type", "src", "href", "action", "method", "rel", "http-equiv", "name", "property"}
    return (tag, tuple(sorted((n, v if n in kept else "") for n, v in attrs)))


def page_problems(html, baseline_html):
    """Problems on a whole page compared with the same page rendered with harmless content."""
    page, baseline = parse(html), parse(baseline_html)
    ours = Counter(_signature(t, a) for t, a in baseline.elements if t in DANGEROUS_TAGS)
    theirs = Counter(_signature(t, a) for t, a in page.elements if t in DANGEROUS_TAGS)
    problems = [f"extra element {sig}" for sig in (theirs - ours)]
    problems += attribute_problems(page.elements)
    for script_type, content in page.scripts:
        if script_type == "application/ld+json":
            try:
                json.loads(content)
            except ValueError:
                problems.append("JSON-LD block that is not valid JSON (broken out of?)")
    return problems
