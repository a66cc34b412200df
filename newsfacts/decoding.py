"""Bytes to text: encoding detection and mojibake repair.

UTF-8 is tried first (with or without a BOM); other encodings are detected
with charset-normalizer, and mojibake such as ``GuantÃ¡namo`` is repaired
with ftfy. Anything that is not text is refused with a specific reason.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import ftfy
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

# ftfy's defaults would also straighten curly quotes; quote extraction needs them as printed.
# HTML entities such as `&#163;` are unescaped only where the text holds no markup (ftfy's "auto").
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html="auto", normalization="NFC")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Among candidates that charset-normalizer scores (nearly) the same, prefer the
# encodings news text is actually saved in: it tends to call cp1252 "cp1250"
# and cp1251 "mac_cyrillic" on short texts.
_PREFERRED = ("cp1252", "latin_1", "cp1251", "iso8859_15", "cp1250", "koi8_r")
_VALID_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Non-ASCII characters that are not letters but do touch letters in Western text.
_WORD_PUNCTUATION = frozenset("\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u20ac\u00a3\u00b0\u00b7\u2122\u00ae\u00a9\u00bf\u00a1\u00a0")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Control characters that never occur in text (tab, newline, carriage return, form feed are fine).
_BINARY_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DecodeError(ValueError):
    """The bytes are not text we can decode; `reason` is a short machine-readable word."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


def decode_bytes(data: bytes) -> Decoded:
    """Decode an article's bytes, repair mojibake, or raise DecodeError."""
    if not data.strip():
        raise DecodeError("empty", "the file holds no text" if data else "the file is empty")
    text, encoding = _decode(data)
    # A guessed legacy code page can be wrong on short or mixed texts: say so in the manifest.
    warnings: list[str] = [] if encoding.startswith("utf") else ["encoding_guessed"]
    fixed, steps = ftfy.fix_and_explain(text, config=_FTFY_CONFIG)
    warnings += _repair_warnings(steps or [])
    if not fixed.strip():
        raise DecodeError("empty", "the file holds only invisible characters")
    return Decoded(fixed, encoding, tuple(warnings))


# ftfy's repair steps, named for the manifest; a re-encoding step means mojibake was repaired.
_STEP_WARNINGS = {
    "remove_terminal_escapes": "terminal_escapes_removed",
    "remove_control_chars": "invisible_characters_removed",
    "unescape_html": "html_entities_unescaped",
}


def _repair_warnings(steps: list[tuple[str, str]]) -> list[str]:
    warnings = []
    for action, name in steps:
        warning = "mojibake_repaired" if action in ("encode", "decode", "transcode") else _STEP_WARNINGS.get(name, f"repaired_{name}")
        if warning not in warnings:
            warnings.append(warning)
    return warnings


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "") + "-bom"
            except UnicodeDecodeError as exc:
                raise DecodeError("undecodable", f"invalid {codec} after a BOM at byte {exc.start}") from exc
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16), utf16
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError("binary", f"NUL byte at offset {nul}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _VALID_UTF8_MULTIBYTE.search(data):
            # Mostly UTF-8 with broken sequences: decoding as a legacy code page would
            # garble every valid character, so refuse rather than corrupt the text.
            raise DecodeError("undecodable", f"invalid UTF-8 at byte {exc.start}") from exc
    return _decode_legacy(data)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text leaves NULs on every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    if odd.count(0) > 0.3 * half and even.count(0) < 0.05 * half:
        codec = "utf-16-le"
    elif even.count(0) > 0.3 * half and odd.count(0) < 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def _plausible_cp1252(data: bytes, least_chaos: float) -> str | None:
    """The bytes as cp1252 (a superset of Latin-1's printable range), if that reads as well as the
    detector's best guess and puts no symbol inside a word.

    charset-normalizer scores short Western texts as DOS or Baltic code pages (cp775: 'café' read as
    'cafķ'); cp1252 is what such news is saved in. A Central European or Cyrillic text read as cp1252
    gives symbols next to letters ('powiedzia\u00b3') or a high mess ratio, and stays with the detector.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _symbol_touching_a_letter(text) or mess_ratio(text, 1.0) > least_chaos + 0.05:
        return None
    return text


def _symbol_touching_a_letter(text: str) -> bool:
    """A non-ASCII symbol next to a letter, as in 'powiedzia\u00b3' (Polish '\u0142' read as cp1252)."""
    for match in _NON_ASCII.finditer(text):
        char, i = match.group(), match.start()
        if char.isalpha() or char in _WORD_PUNCTUATION:
            continue
        if (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha()):
            return True
    return False


def _decode_legacy(data: bytes) -> tuple[str, str]:
    if len(_BINARY_CONTROLS.findall(data)) > max(2, len(data) // 1000):
        raise DecodeError("binary", "control bytes that do not occur in text")
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("undecodable", "no text encoding fits these bytes")
    least_chaos = min(m.chaos for m in matches)
    western = _plausible_cp1252(data, least_chaos)
    if western is not None:
        return western, "cp1252"
    clean = [m for m in matches if m.chaos <= least_chaos + 0.01]
    most_coherent = max(m.coherence for m in clean)
    tied = [m for m in clean if m.coherence >= most_coherent - 0.05]
    ranked = sorted(tied, key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED))
    best = ranked[0]
    if best.chaos > 0.3:
        raise DecodeError("undecodable", f"best guess {best.encoding} still looks like noise")
    return str(best), best.encoding
