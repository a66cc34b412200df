import codecs

import pytest

from newsfacts.decoding import DecodeError, decode_bytes

TEXT = "Guantánamo detainees — “we are not there yet,” said Putin’s envoy. Naïve résumés.\n" * 3


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8-bom", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("utf-16-bom", TEXT.encode("utf-16")),  # BOM + native order
        ("utf-16-bom", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ("utf-16-le", TEXT.encode("utf-16-le")),
        ("utf-16-be", TEXT.encode("utf-16-be")),
        ("cp1252", TEXT.encode("cp1252")),
    ],
)
def test_decodes_each_encoding_to_the_same_text(encoding, data):
    decoded = decode_bytes(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_latin1_without_windows_punctuation_decodes():
    text = "Le café de la Señora, naïve et élégant, près de Zürich.\n" * 3
    assert decode_bytes(text.encode("latin-1")).text == text


def test_repairs_mojibake_and_says_so():
    decoded = decode_bytes("Detainees at GuantÃ¡namo Bay were moved.".encode("utf-8"))
    assert decoded.text == "Detainees at Guantánamo Bay were moved."
    assert "mojibake_repaired" in decoded.warnings


def test_keeps_curly_quotes_and_dashes_as_printed():
    text = "“Dear President Putin,” the letter began — ‘quietly’."
    assert decode_bytes(text.encode()).text == text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b" \n\t \r\n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"The meeting was \x00 the first summit.", "binary"),
        # valid UTF-8 around broken sequences: a legacy code page would garble the valid part
        ("Zelenskyy’s naïve ".encode() + b"\xc3\x28" + " envoy".encode(), "undecodable"),
        ("Melania’s letter".encode() + b"\xe2\x80" + b" ends here", "undecodable"),
    ],
)
def test_refuses_what_is_not_text_with_a_reason(data, reason):
    with pytest.raises(DecodeError) as excinfo:
        decode_bytes(data)
    assert excinfo.value.reason == reason
