"""Hostile text as proposals, names and reasoning is rendered inert on every page.

Each page is parsed with ``html.parser``: no element outside the templates' own vocabulary, no
event-handler or style attribute, no ``javascript:``/``data:``/``vbscript:`` URL may appear.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from talqy.review.decisions import bulk_decide, publish
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.web.app import create_app
from tests.review.seed import build_world, seed_group, seed_proposal
from tests.review.web_support import sign_in

BASE = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script/x>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="&#x6A;&#x61;vascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "javascript:alert(document.cookie)",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<base href="javascript:/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<x onmouseover=alert(1)>hover</x>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</blockquote><img src=x onerror=alert(1)>",
    "</td></tr></table><svg onload=alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7*7 }}{% raw %}<script>alert(1)</script>",
    "<ѕсrірt>alert(1)</ѕсrірt>",  # Cyrillic look-alikes
    "Мемлекет <script>alert('тіл')</script> туралы",
    "Закон\u202e<script>alert(1)</script>",
    "<sсript>alert(1)</sсript>",  # a Cyrillic "с" inside the name
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<isindex type=image src=1 onerror=alert(1)>",
    '<table background="javascript:alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

OURS = {
    "html", "head", "meta", "title", "link", "body", "header", "nav", "a", "form", "input",
    "button", "span", "main", "h1", "h2", "p", "ul", "li", "strong", "table", "thead", "tbody",
    "tr", "th", "td", "blockquote", "div", "select", "option", "label", "textarea", "fieldset",
    "legend", "dl", "dt", "dd", "code", "footer", "section",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "xlink:href"}
CONTROL = re.compile(r"[\x00-\x20]+")


class Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in OURS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction", "background"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            url = CONTROL.sub("", (value or "")).lower()
            if name in URL_ATTRIBUTES and url.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"URL {value!r} on <{tag}>")
        if tag == "link" and dict(attrs).get("href", "").endswith("/static/talqy.css") is False:
            self.problems.append("foreign <link>")
        if tag == "meta" and "http-equiv" in dict(attrs):
            self.problems.append("<meta http-equiv>")


def problems_in(html: str) -> list[str]:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def test_inspector_catches_what_it_looks_for() -> None:
    assert problems_in(BASE[0]) == ["element <script>"]
    assert problems_in('<a href=" java\tscript:x">') == ["URL ' java\\tscript:x' on <a>"]
    assert problems_in('<p onclick="x">') == ["attribute onclick on <p>"]


def test_hostile_input_is_inert_on_every_page(db: Database, settings: Settings) -> None:
    assert len(BASE) >= 50
    world = build_world(db)
    admin = world.actor("admin")
    groups, codes = [], []
    for payload in BASE:
        pid, code = seed_proposal(db, world.consultation, payload, article="1", name=payload)
        groups.append(seed_group(db, world.consultation, [pid], article="1"))
        codes.append(code)
    decided = bulk_decide(
        db, actor=admin, items=[(g, 1) for g in groups[: len(BASE) // 2]], kind="rejected",
        reasoning={"kk": BASE[0], "ru": BASE[5], "en": BASE[17]},
    )  # fmt: skip
    for index, group in enumerate(groups[len(BASE) // 2 :], start=len(BASE) // 2):
        reasoning = {"kk": BASE[index], "ru": BASE[-index]}
        bulk_decide(db, actor=admin, items=[(group, 1)], kind="accepted", reasoning=reasoning)
    for group in groups:
        publish(db, actor=admin, group_id=group)
    assert len(decided) == len(BASE) // 2
    pages = ["/c/c1", "/c/c1/table", "/c/c1/table?lang=ru", "/c/c1/articles", "/c/c1/articles/1"]
    pages += [f"/receipt?code={code}" for code in codes]
    pages += [f"/c/c1/groups/{g}?lang=en" for g in groups]
    for payload in BASE:  # the same texts in no group, and in one group still open
        seed_proposal(db, world.consultation, payload, article="1")
    open_group = seed_group(db, world.consultation, [seed_proposal(db, world.consultation,
                            BASE[0], article="1")[0]], article="1")  # fmt: skip
    staff_pages = ["/staff/c/c1/queue", "/staff/c/c1/audit", "/staff/c/c1/queue?query=alert"]
    staff_pages += [f"/staff/c/c1/groups/{g}" for g in groups]
    staff_pages += ["/staff/c/c1/unplaced?size=200", f"/staff/c/c1/groups/{open_group}?find=alert"]
    found: dict[str, list[str]] = {}
    with TestClient(
        create_app(settings.model_copy(update={"receipt_lookups_per_minute": 10**6}))
    ) as client:
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            found[path] = problems_in(response.text)
        sign_in(client, "admin")
        for path in staff_pages:
            response = client.get(path)
            assert response.status_code == 200, path
            assert "&lt;script&gt;" in response.text or not path.endswith("/queue")
            found[path] = problems_in(response.text)
    assert {path: p for path, p in found.items() if p} == {}
    print(f"XSS: {len(BASE)} payloads as proposal, name and reasoning on {len(found)} pages")
