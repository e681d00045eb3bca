#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace telework {

// Everything telework writes for a person or a CI log (values, file names,
// messages, source lines) passes through visible() once, at output, so that
// a record cannot move the cursor, retitle or clear a terminal, break a
// `path:line:col:` line, reorder text with bidi controls ("Trojan Source") or
// forge a GitHub Actions workflow command.
//
// What visible() escapes, and how:
//   TAB, LF, CR                          \t  \n  \r
//   other C0 controls, DEL               \x1b  \x00  \x7f
//   a byte that is not valid UTF-8       \xff  (each byte on its own)
//   C1 controls U+0080-U+009F            \u{85}
//   bidi controls U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069
//                                        \u{202e}
//   U+2028, U+2029 (line breaks to some readers)
//   noncharacters (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF; XML and HTML refuse them)
//   '[' after "##" (GitHub's older "##[command]" form, honoured anywhere
//   in a log line)                       ##\x5b
// TAB is escaped too: its width depends on the terminal's tab stops, so a
// raw tab can neither keep a table column nor a caret aligned, and in a
// name it looks like a space.
// A backslash is doubled exactly where it would otherwise read as the start
// of one of these escapes: before another backslash, before x, u, n, r or t,
// and before an escaped character. So every output reads back as exactly
// one input (a file literally named `a\xff` shows as `a\\xff`, the byte 0xFF
// as `a\xff`), while ordinary text, Windows paths included, is unchanged.
std::string visible(std::string_view text);

// Whether visible() writes this code point as an escape.
bool needs_escape(char32_t c);

// Terminal columns that text takes: 2 for East Asian wide and full-width
// characters, 0 for combining marks and zero-width characters, else 1 (an
// invalid byte counts 1). An approximation of wcwidth(3) that does not
// depend on the locale.
std::size_t display_width(std::string_view text);

// The marker for text left out: one column wide.
inline constexpr std::string_view ellipsis = "\u2026";

// The first `max_chars` characters of raw text, with `…` when anything was
// left out (for messages and labels that would otherwise run on). Pass the
// result to visible() or an escaper like any other raw text.
std::string shortened(std::string_view text, std::size_t max_chars);

// A source line as shown under a diagnostic: escaped as visible() does, but
// with the line's own backslashes as typed (it quotes the file, where "\n"
// in a double-quoted YAML scalar is the file's own escape), cut to at most
// `max_width` columns around `column` (1-based, in code points as positions
// count them) with `…` where text was left out, and the columns before the
// character at `column`, where the caret goes. Only the part shown is
// decoded, so a finding on a 100 KB line costs what a short line costs
// (beyond finding the column).
struct Excerpt {
    std::string text;
    std::size_t caret = 0;
};
Excerpt visible_excerpt(std::string_view line, int column, std::size_t max_width);
// The same with the column already located: `byte` into `line`, and
// `past_end` columns beyond its end (SourceText::offset_of finds both
// without counting the line from its start).
Excerpt visible_excerpt_at(std::string_view line, std::size_t byte, std::size_t past_end, std::size_t max_width);

// Text that begins an output line. GitHub Actions runs a log line as a
// workflow command when, after leading whitespace, it starts with "::"; in
// that case the first ':' of `shown` (text visible() already made) becomes
// `\x3a`. Only telework's own annotations in `--format github` may start so.
std::string safe_line_start(std::string shown);

// Whether a line, after leading whitespace, starts with "::".
bool starts_workflow_command(std::string_view line);

// Whitespace as GitHub's runner trims it before looking for "::" (.NET's
// Char.IsWhiteSpace), and as Python's str.isspace sees it.
bool is_blank(char32_t c);

} // namespace telework
