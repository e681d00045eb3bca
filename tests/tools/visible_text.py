"""What telework shows for a value, file name or message: a model of
visible() (include/telework/visible.hpp) for the black-box tests.

Control characters, C1 controls, bidi controls, U+2028/U+2029,
noncharacters and invalid UTF-8 bytes become visible escapes; '[' after "##"
becomes \\x5b; a backslash is doubled where it would read as the start of an
escape. `source=True` is the form of a quoted source line, whose own
backslashes stay single.
"""


def needs_escape(code):
    return (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029)
            or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFE == 0xFFFE)


def _invalid_byte(char):
    # bytes.decode("utf-8", "surrogateescape") turns each invalid byte into U+DC80-U+DCFF.
    return 0xDC80 <= ord(char) <= 0xDCFF


def _escape(char):
    code = ord(char)
    if _invalid_byte(char):
        return f"\\x{code - 0xDC00:02x}"
    if char == "\t":
        return "\\t"
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    return f"\\u{{{code:x}}}"


def visible(text, source=False):
    if isinstance(text, bytes):
        text = text.decode("utf-8", "surrogateescape")
    out = []
    hashes = 0
    for i, char in enumerate(text):
        if _invalid_byte(char) or needs_escape(ord(char)):
            out.append(_escape(char))
        elif char == "\\":
            following = text[i + 1] if i + 1 < len(text) else ""
            doubled = not source and following != "" and (
                following in "\\xunrt" or _invalid_byte(following) or needs_escape(ord(following)))
            out.append("\\\\" if doubled else "\\")
        elif char == "[" and hashes >= 2:
            out.append("\\x5b")
        else:
            out.append(char)
        hashes = hashes + 1 if char == "#" else 0
    return "".join(out)
