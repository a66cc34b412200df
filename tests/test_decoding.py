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


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Officials said the caf\u00e9 tax \u2013 \u20ac5 a cup \u2013 would be \u201creviewed\u201d.", "cp1252"),
        ("Officials in S\u00e3o Paulo called the na\u00efve r\u00e9sum\u00e9 rule a mistake on Monday.", "latin-1"),
        ("Prezydent Polski powiedzia\u0142 we wtorek, \u017ce rozmowy b\u0119d\u0105 kontynuowane.", "cp1250"),
        ("\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0437\u0430\u044f\u0432\u0438\u043b \u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a, \u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430\u0442\u0441\u044f.", "cp1251"),
    ],
)
def test_short_legacy_texts_decode_to_what_was_written(text, encoding):
    # charset-normalizer alone reads the first two as cp775 ('caf\u0137'); the Polish and Russian ones must stay theirs.
    assert decode_bytes(text.encode(encoding)).text == text
