"""Turn document bytes into text, and tell text bytes from binary ones, without ever raising."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Longest BOMs first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Browsers read these labels as windows-1252, and so do real pages: bytes
# 0x80-0x9F in a "latin-1" page are curly quotes and dashes, not C1 controls.
_WINDOWS_1252_ALIASES = {"latin_1", "ascii", "iso8859_1"}
_LATIN_LABELS = {"cp1252", "iso8859-15"}

_DECLARATION = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"\x00asm", "WebAssembly module"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

# Legacy code pages by how common they are on the web, for breaking ties between
# equally clean decodings.
_COMMON_CODEPAGES = (
    "cp1252",
    "cp1251",
    "cp932",
    "shift_jis",
    "gb18030",
    "gbk",
    "euc_kr",
    "cp949",
    "big5",
    "cp1250",
    "iso8859_2",
    "cp1256",
    "cp1253",
    "cp1255",
    "cp1254",
    "koi8_r",
    "euc_jp",
    "cp874",
    "cp1257",
)
_CHAOS_TIE = 0.01
# "Nearly all valid UTF-8": at most one bad sequence, plus one per this many good multi-byte characters.
_MAX_BAD_PER_GOOD = 20

SNIFF_BYTES = 8192
# C0 controls other than tab, newlines, form feed and escape never appear in
# prose; a text file with more than a sprinkle of them is really binary.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_MAX_CONTROL_RATIO = 0.05


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode document bytes; return the text and the name of the encoding used.

    Tries, in order: a byte-order mark, the `declared` charset (from an HTTP
    header, say), a `<meta charset>` or XML encoding declaration in the
    first 2 KB, UTF-16 without a BOM, UTF-8, UTF-8 with replacement when
    nearly every byte sequence is valid UTF-8, charset-normalizer's best
    guess, and finally latin-1, which accepts any byte. Never raises.
    """
    if not data:
        return "", "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    for name in (known_codec(declared), _declared_in_document(data), _utf16_without_bom(data), "utf-8"):
        if name in _LATIN_LABELS and not data.isascii():
            # Servers and templates label UTF-8 pages "iso-8859-1" all the time,
            # while real latin text almost never forms valid UTF-8 sequences.
            name = "utf-8" if _strict(data, "utf-8") or _mostly_utf8(data) else name
        decoded = _strict(data, name) if name else None
        if decoded is not None:
            return decoded
        if name == "utf-8":
            mostly = _mostly_utf8(data)
            if mostly is not None:
                return mostly, "utf-8"
    guess = _guess(data)
    if guess is not None:
        return guess
    return data.decode("latin-1", errors="replace"), "latin-1"


def binary_kind(data: bytes) -> str | None:
    """Say what `data` looks like ("PNG image", "binary data") when it is not text, else None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[4:12] in (b"ftypisom", b"ftypmp42") or (data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE")):
        return "media file"
    head = data[:SNIFF_BYTES]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "binary data"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > _MAX_CONTROL_RATIO:
        return "binary data"
    return None


def is_blank(data: bytes) -> bool:
    """True when `data` holds no visible character (nothing, whitespace, or a lone BOM)."""
    if not data.strip():
        return True
    if any(data.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(data[:SNIFF_BYTES]):
        return not decode_text(data)[0].strip()
    return False


def known_codec(name: str | None) -> str | None:
    """The Python codec name for a charset label, or None when Python does not know it."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    try:
        codec = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    if codec.replace("-", "_") in _WINDOWS_1252_ALIASES:
        return "cp1252"
    return codec


def _declared_in_document(data: bytes) -> str | None:
    match = _DECLARATION.search(data[:2048])
    if not match:
        return None
    name = known_codec((match.group(1) or match.group(2)).decode("ascii"))
    # A declaration we could read in ASCII cannot be true of a UTF-16 or UTF-32
    # document; pages that say so are UTF-8 with a wrong label.
    if name and name.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return "utf-8"
    return name


def _utf16_without_bom(sample: bytes) -> str | None:
    """Spot BOM-less UTF-16 of Latin-script text: every other byte is NUL."""
    sample = sample[:SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _strict(data: bytes, name: str) -> tuple[str, str] | None:
    try:
        return data.decode(name), name
    except (UnicodeDecodeError, LookupError):
        pass
    if name == "cp1252":
        # Five bytes are unassigned in windows-1252; a "latin-1" page using
        # them means latin-1 after all.
        return data.decode("latin-1"), "latin-1"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """The text decoded as UTF-8 with replacement, when the bad bytes are a few among many good sequences.

    Legacy code pages almost never form valid multi-byte UTF-8 sequences, so
    a text with some and only a stray bad byte or two is UTF-8 with damage
    (one bad byte would otherwise turn "Café" into Cyrillic).
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if good >= 1 and bad * _MAX_BAD_PER_GOOD <= good + _MAX_BAD_PER_GOOD:
        return text
    return None


def _guess(data: bytes) -> tuple[str, str] | None:
    try:
        matches = list(charset_normalizer.from_bytes(data))
    except Exception:  # noqa: BLE001 - a detector bug must not stop decoding; latin-1 follows
        return None
    if not matches:
        return None
    # On short texts several code pages decode equally cleanly and the
    # detector's pick among them is close to arbitrary (cp775 for a French
    # sentence); among the equally clean ones, take the most widely used.
    least = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= least + _CHAOS_TIE]
    for name in _COMMON_CODEPAGES:
        for match in clean:
            if name == match.encoding or name in match.could_be_from_charset:
                return _render(match, name)
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    return _render(best, best.encoding)


def _render(match: charset_normalizer.CharsetMatch, name: str) -> tuple[str, str] | None:
    try:
        return str(match), name
    except (UnicodeDecodeError, LookupError):
        return None
