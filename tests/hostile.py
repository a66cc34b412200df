"""Generated test inputs: short synthetic news articles, and a corpus of hostile or odd raw files.

Nothing here is corpus text: articles are assembled from a few invented templates with a seeded
random generator, so CI without ../shared tests the same thing every time.

`write_hostile(raw, outside)` writes every hostile kind into `raw` (and link targets into
`outside`) and returns one `Hostile` per kind: its file names and what the manifest must say.
Kinds that need the run itself to misbehave (a permission error as root, a file that changes or
disappears while the run reads it) are returned with a `during_read` action that the test installs.
"""

from __future__ import annotations

import base64
import codecs
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ["Maria", "James", "Aiko", "Olumide", "Sven", "Priya", "Carlos", "Fatima", "Dmitri", "Grace", "Tomas", "Leila"]
LAST = ["Okafor", "Lindqvist", "Tanaka", "Moreno", "Kowalski", "Haddad", "Brennan", "Castillo", "Novak", "Reyes"]
ROLES = ["Finance Minister", "Senator", "Mayor", "Chief Executive", "Governor", "Professor"]
ORGS = ["the Harbour Authority", "Northwind Bank", "the Transport Union", "Meridian Health", "the City Council"]
PLACES = ["London", "Nairobi", "Toronto", "Madrid", "Sydney", "Chicago", "Berlin", "Lagos", "Mumbai", "Dublin"]
TOPICS = ["the new bridge", "the water tariff", "the budget", "the rail strike", "the hospital plan", "the port expansion"]
VERBS = ["said", "told reporters", "added", "warned", "argued"]


def good_article(rng: random.Random, number: int) -> str:
    """One short article with a headline, a date header, people with roles, a place, quotes and numbers."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    other_first, other_last = rng.choice(FIRST), rng.choice(LAST)
    role, org, place, topic = rng.choice(ROLES), rng.choice(ORGS), rng.choice(PLACES), rng.choice(TOPICS)
    amount = rng.randint(2, 900)
    day = rng.randint(1, 28)
    paragraphs = [
        f"{role} {first} {last} on Tuesday defended {topic} in {place}, saying it would cost {amount} million dollars.",
        f"\u201cWe have waited long enough for {topic},\u201d {last} {rng.choice(VERBS)}. \u201cThe people of {place} deserve better.\u201d",
        f"{other_first} {other_last} of {org} disagreed. She said the plan was rushed and that {amount // 2 + 1} jobs were at risk.",
        f"\"It is not the right time,\" {other_last} said, adding that {org} would ask for a review before March.",
        f"The decision is expected next week. Article {number} of the series.",
    ]
    return f"date: 2025-03-{day:02d}\n{topic.capitalize()} divides {place} (report {number})\n\n" + "\n\n".join(paragraphs) + "\n"


def write_good_articles(raw: Path, count: int, seed: int = 9, prefix: str = "good") -> list[str]:
    """Write `count` distinct generated articles as UTF-8; returns their relative paths."""
    rng = random.Random(seed)
    raw.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(count):
        name = f"{prefix}_{number:04d}.txt"
        (raw / name).write_text(good_article(rng, number), encoding="utf-8")
        names.append(name)
    return names


# --- hostile kinds -------------------------------------------------------------------------------

PROCESSED, REJECTED, DUPLICATE, SKIPPED = "processed", "rejected", "duplicate", "skipped"


@dataclass
class Hostile:
    """One kind of bad or odd input and what the manifest must record for each of its files.

    `expect` maps a file's manifest path to (fate, reason) for rejections, duplicates and skips, or to
    (PROCESSED, warning) where `warning` must be among the file's warnings (None: processed, no
    warning required). `text_contains` maps a processed file to a string its document's text holds.
    """

    kind: str
    expect: dict[str, tuple[str, str | None]]
    text_contains: dict[str, str] = field(default_factory=dict)
    during_read: Callable[[Path], None] | None = None
    # When `during_read` runs: "open" (just before the file is opened) or "read" (opened and sized, not yet read).
    when: str = "open"


SENTENCE = "The council met on Monday and Mayor Ana Lopez said the vote would be held in June."
MB = 1024 * 1024


def _bytes(raw: Path, name: str | bytes, data: bytes) -> Path:
    path = raw / os.fsdecode(name) if isinstance(name, bytes) else raw / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _refuse_permission(path: Path) -> None:
    raise PermissionError(13, "Permission denied", str(path))


def _append(path: Path, data: bytes) -> None:
    with open(path, "ab") as handle:
        handle.write(data)


def _article(topic: str, quotes: str = "\u201c\u201d") -> str:
    """A short valid article about `topic`, distinct per topic so no two kinds are duplicates."""
    return (
        f"Residents debate {topic}\n\n"
        f"Officials in Springfield said on Monday that {topic} would be reviewed. {quotes[0]}We will listen,{quotes[1]} Mayor Ana Lopez said.\n\n"
        f"The review of {topic} starts in June, according to the council.\n"
    )


def write_hostile(raw: Path, outside: Path, max_file_bytes: int) -> list[Hostile]:
    """Write every hostile kind into `raw` (link targets into `outside`); return what to expect of each."""
    raw.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    kinds: list[Hostile] = []

    def add(kind: str, expect: dict, text_contains: dict | None = None, during_read=None, when: str = "open") -> None:
        kinds.append(Hostile(kind, expect, text_contains or {}, during_read, when))

    _bytes(raw, "empty.txt", b"")
    add("empty file", {"empty.txt": (REJECTED, "empty")})

    _bytes(raw, "whitespace.txt", b"  \n\t\r\n   \n")
    add("whitespace only", {"whitespace.txt": (REJECTED, "empty")})

    _bytes(raw, "binary.bin", random.Random(1).randbytes(4096))
    add("binary data", {"binary.bin": (REJECTED, "binary")})

    _bytes(raw, "nul.txt", SENTENCE.encode() + b"\x00" + SENTENCE.encode())
    add("NUL byte in the middle of text", {"nul.txt": (REJECTED, "binary")})

    _bytes(raw, "invalid-utf8.txt", "Zelenskyy\u2019s visit to Kyiv ".encode() + b"\xc3\x28\xa0\xa1 was announced on Monday.")
    add("invalid UTF-8", {"invalid-utf8.txt": (REJECTED, "undecodable")})

    _bytes(raw, "cp1252.txt", _article("the caf\u00e9 tax \u2013 \u20ac5 a cup").encode("cp1252"))
    add("cp1252", {"cp1252.txt": (PROCESSED, "encoding_guessed")}, {"cp1252.txt": "caf\u00e9 tax \u2013 \u20ac5"})

    _bytes(raw, "latin1.txt", _article("the S\u00e3o Paulo na\u00efve r\u00e9sum\u00e9 rule", '""').encode("latin-1"))
    add("Latin-1", {"latin1.txt": (PROCESSED, "encoding_guessed")}, {"latin1.txt": "S\u00e3o Paulo na\u00efve r\u00e9sum\u00e9"})

    _bytes(raw, "utf16-bom.txt", _article("the harbour \u2018wall\u2019").encode("utf-16"))
    add("UTF-16 with a BOM", {"utf16-bom.txt": (PROCESSED, None)}, {"utf16-bom.txt": "harbour \u2018wall\u2019"})

    _bytes(raw, "utf16le-nobom.txt", _article("the tram line").encode("utf-16-le"))
    _bytes(raw, "utf16be-nobom.txt", _article("the ferry route").encode("utf-16-be"))
    add(
        "UTF-16 without a BOM",
        {"utf16le-nobom.txt": (PROCESSED, None), "utf16be-nobom.txt": (PROCESSED, None)},
        {"utf16le-nobom.txt": "the tram line", "utf16be-nobom.txt": "the ferry route"},
    )

    _bytes(raw, "utf8-bom.txt", codecs.BOM_UTF8 + _article("the library hours").encode())
    add("UTF-8 with a BOM", {"utf8-bom.txt": (PROCESSED, None)}, {"utf8-bom.txt": "Officials in Springfield"})

    _bytes(raw, "mojibake.txt", _article("Guant\u00e1namo and the \u201cdeal\u201d").encode("utf-8").decode("cp1252", "replace").encode("utf-8"))
    add("mojibake", {"mojibake.txt": (PROCESSED, "mojibake_repaired")}, {"mojibake.txt": "Guant\u00e1namo"})

    huge = raw / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: 50 MB that take no disk
        handle.write(SENTENCE.encode())
        handle.truncate(50 * MB)
    add("50 MB file over the size limit", {"huge.txt": (REJECTED, "too_large")})

    # 2 MB of prose would cost spaCy minutes on a CI core; a page saved with an inlined image is the
    # common real case: a few sentences, then a base64 blob, all on one line.
    blob = base64.b64encode(random.Random(2).randbytes(3 * MB // 2)).decode()
    line = (SENTENCE + " ") * 200 + '<img src="data:image/png;base64,' + blob + '"> ' + SENTENCE
    _bytes(raw, "one-line-2mb.txt", line.encode())
    add("a single 2 MB line", {"one-line-2mb.txt": (PROCESSED, None)}, {"one-line-2mb.txt": "Mayor Ana Lopez said"})

    _bytes(raw, "quotes-100k.txt", (_article("the quote storm") + '"' * 100_000 + "\n\nThe end.\n").encode())
    add("100,000 quote marks", {"quotes-100k.txt": (PROCESSED, None)}, {"quotes-100k.txt": '"' * 1000})

    _bytes(raw, "unbalanced-quotes.txt", (
        "Storm warning\n\n"
        "\u201cThe river is rising, Mayor Ana Lopez said on Monday.\n\n"
        "\u201cWe are moving families, she added, \u2018and \u201cwe\u201d will not stop\u2019 until it is safe.\u201d\u201d\n\n"
        "Her deputy said \"\"nothing\" was decided\u201d and left.\n"
    ).encode())
    add("unbalanced and nested quote marks", {"unbalanced-quotes.txt": (PROCESSED, None)}, {"unbalanced-quotes.txt": "The river is rising"})

    _bytes(raw, "only-quotes.txt", ("\u201c\u201d\"'\u2018\u2019\u00ab\u00bb " * 50 + "\n\n" + '"' * 20).encode())
    add("only quote marks", {"only-quotes.txt": (PROCESSED, None)}, {"only-quotes.txt": "\u201c\u201d\"'"})

    _bytes(raw, "rtl-zero-width.txt", (
        "News in two scripts\n\n"
        "Mayor Ana\u200b Lopez met \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 delegates\u200c in Haifa.\u200f\u202e reversed\u202c text\n\n"
        "The\u2060 visit \ufeffended on Friday.\n"
    ).encode())
    add(
        "right-to-left and zero-width characters",
        {"rtl-zero-width.txt": (PROCESSED, "invisible_characters_removed")},
        {"rtl-zero-width.txt": "Mayor Ana Lopez met \u05e9\u05dc\u05d5\u05dd"},
    )

    _bytes(raw, "emoji-combining.txt", (
        "Celebration \U0001f389\n\n"
        "Jose\u0301 Nu\u0301nez said \u201cwe won \U0001f44d\U0001f3fd\u201d at the caf\u0065\u0301 in Malm\u006f\u0308.\n\n"
        "The family \U0001f468\u200d\U0001f469\u200d\U0001f467 cheered.\n"
    ).encode())
    add(
        "emoji and combining accents",
        {"emoji-combining.txt": (PROCESSED, None)},
        {"emoji-combining.txt": "Jos\u00e9 N\u00fanez said \u201cwe won \U0001f44d\U0001f3fd\u201d at the caf\u00e9 in Malm\u00f6"},
    )

    _bytes(raw, "windows-crlf.txt", _article("the night bus").replace("\n", "\r\n").encode())
    _bytes(raw, "old-mac-cr.txt", _article("the ferry fare").replace("\n", "\r").encode())
    add(
        "Windows and old-Mac line endings",
        {"windows-crlf.txt": (PROCESSED, None), "old-mac-cr.txt": (PROCESSED, None)},
        {"windows-crlf.txt": "the night bus would be reviewed.", "old-mac-cr.txt": "according to the council."},
    )

    _bytes(raw, "page.txt", (
        "<!DOCTYPE html><html><head><title>Bridge vote</title><script>alert('x')</script></head>\n"
        "<body><div class=\"story\"><p>The council approved the bridge on Monday.</p>\n"
        "<p>&ldquo;It is a good day,&rdquo; <b>Mayor Ana Lopez</b> said.</p></div></body></html>\n"
    ).encode())
    add("HTML markup saved as .txt", {"page.txt": (PROCESSED, "html_markup")}, {"page.txt": "The council approved the bridge"})

    secret = outside / "secret.txt"
    secret.write_text("OUTSIDE-SECRET: this file is outside the raw folder and must never be read.\n")
    os.symlink(secret, raw / "link-outside.txt")
    os.symlink(outside, raw / "dir-link-outside")
    add(
        "symbolic links pointing outside the raw folder",
        {"link-outside.txt": (REJECTED, "symlink"), "dir-link-outside": (REJECTED, "symlink")},
    )

    os.symlink("loop-b.txt", raw / "loop-a.txt")
    os.symlink("loop-a.txt", raw / "loop-b.txt")
    (raw / "nested").mkdir()
    os.symlink("..", raw / "nested" / "up")
    add(
        "link loops",
        {"loop-a.txt": (REJECTED, "symlink"), "loop-b.txt": (REJECTED, "symlink"), "nested/up": (REJECTED, "symlink")},
    )

    locked = _bytes(raw, "no-permission.txt", _article("the locked file").encode())
    locked.chmod(0)
    # Root reads whatever the mode bits say: there the kernel's refusal is simulated at open().
    add(
        "a file that cannot be read (permissions)",
        {"no-permission.txt": (REJECTED, "unreadable")},
        during_read=_refuse_permission if os.geteuid() == 0 else None,
    )

    _bytes(raw, "vanishes.txt", _article("the vanishing file").encode())
    add("a file that disappears before it is read", {"vanishes.txt": (REJECTED, "vanished")}, during_read=lambda p: p.unlink())

    _bytes(raw, "grows.txt", _article("the growing file").encode())
    add(
        "a file that grows past the size limit while it is read",
        {"grows.txt": (REJECTED, "too_large")},
        during_read=lambda p: _append(p, b"x" * (max_file_bytes + 1)),
        when="read",
    )

    _bytes(raw, "changes.txt", _article("the first draft").encode())
    add(
        "a file rewritten just before it is read",
        {"changes.txt": (PROCESSED, None)},
        {"changes.txt": "the second draft"},
        during_read=lambda p: p.write_text(_article("the second draft")),
        when="read",
    )

    _bytes(raw, "name with  spaces.txt", _article("the spaced name").encode())
    _bytes(raw, "name\nwith\nnewlines.txt", _article("the newline name").encode())
    _bytes(raw, b"caf\xe9 latin1 name.txt", _article("the byte name").encode())
    add(
        "names with spaces, newlines or non-UTF-8 bytes",
        {
            "name with  spaces.txt": (PROCESSED, None),
            "name\nwith\nnewlines.txt": (PROCESSED, None),
            "caf\\xe9 latin1 name.txt": (PROCESSED, None),
        },
    )

    twin = _article("the twin articles").encode()
    _bytes(raw, "twin-a.txt", twin)
    _bytes(raw, "twin-b.txt", twin.replace(b"\n", b"\r\n"))  # same article once normalized
    add(
        "the same article twice under two names",
        {"twin-a.txt": (PROCESSED, None), "twin-b.txt": (DUPLICATE, "same_content")},
    )

    os.mkfifo(raw / "pipe.txt")
    add("a named pipe", {"pipe.txt": (REJECTED, "not_a_regular_file")})

    _bytes(raw, ".DS_Store", b"\x00\x01hidden")
    add("a hidden file", {".DS_Store": (SKIPPED, "hidden")})

    _bytes(raw, "header-only.txt", b"date: 2025-01-02\ntitle: Nothing follows\n")
    add("a header with no body", {"header-only.txt": (REJECTED, "no_body_text")})

    _bytes(raw, "terminal-escapes.txt", ("Alert\n\n\x1b[31mThe mayor\x1b[0m said the \x07road is closed.\n\n" + SENTENCE + "\n").encode())
    add(
        "terminal escape and control characters",
        {"terminal-escapes.txt": (PROCESSED, "terminal_escapes_removed")},
        {"terminal-escapes.txt": "said the road is closed"},
    )

    _bytes(raw, "path-and-sql.txt", (
        "Injection attempt\n\n"
        "../../../../etc/passwd and /tmp/newsfacts-pwned were named in the filing.\n\n"
        "Robert'); DROP TABLE documents;-- said {__import__('os').system('touch /tmp/newsfacts-pwned')} "
        "and ${HOME} $(touch /tmp/newsfacts-pwned) `id` %s %n {0} on Monday.\n"
    ).encode())
    add(
        "article text that is a path, SQL, a shell command or a format string",
        {"path-and-sql.txt": (PROCESSED, None)},
        {"path-and-sql.txt": "DROP TABLE documents;-- said {__import__('os')"},
    )

    deep = raw.joinpath(*[f"d{i}" for i in range(40)])
    _bytes(deep, "deep.txt", _article("the deep folder").encode())
    add("a file 40 folders deep", {"/".join(f"d{i}" for i in range(40)) + "/deep.txt": (PROCESSED, None)})

    return kinds
