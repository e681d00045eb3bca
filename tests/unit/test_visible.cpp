#include "diagnostic_text.hpp"
#include "expire_formats.hpp"
#include "json.hpp"
#include "markup.hpp"
#include "text_format.hpp"

#include "telework/source_text.hpp"
#include "telework/visible.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace telework;
using namespace std::string_literals;

TEST_CASE("visible() escapes control characters, invalid UTF-8, bidi controls and line separators") {
    CHECK(visible("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
    CHECK(visible("\x1b[2J") == "\\x1b[2J");
    CHECK(visible("a\nb\rc\td") == "a\\nb\\rc\\td");
    CHECK(visible("nul\0!"s) == "nul\\x00!");
    CHECK(visible("del\x7f") == "del\\x7f");
    CHECK(visible("x\xff.yaml") == "x\\xff.yaml");
    CHECK(visible("\xe2\x82") == "\\xe2\\x82");         // a truncated sequence, byte by byte
    CHECK(visible("\xc0\xaf") == "\\xc0\\xaf");         // an overlong '/'
    CHECK(visible("\xed\xa0\x80") == "\\xed\\xa0\\x80"); // a surrogate
    CHECK(visible("nel\xc2\x85") == "nel\\u{85}");      // C1, valid UTF-8
    CHECK(visible("\xe2\x80\xae" "abc") == "\\u{202e}abc");
    CHECK(visible("\xe2\x81\xa6x\xe2\x81\xa9") == "\\u{2066}x\\u{2069}");
    CHECK(visible("\xe2\x80\xa8\xe2\x80\xa9") == "\\u{2028}\\u{2029}");
    CHECK(visible("\xef\xbf\xbe") == "\\u{fffe}");     // noncharacters: XML and HTML refuse them
    CHECK(visible("\xf0\x9f\xbf\xbf") == "\\u{1ffff}");
    CHECK(visible("\n::error file=README.md::pwned") == "\\n::error file=README.md::pwned");
}

TEST_CASE("visible() leaves ordinary text alone, Windows paths and other scripts included") {
    for (const std::string text : {"Ana Lima", "Zo\xc3\xab \xc3\x91\xc3\xba\xc3\xb1\x65z", "\xe6\x97\xa5\xe6\x9c\xac",
                                   "C:\\Users\\Ana", "100% \"quotes\" & <tags>", "a\\", "#[x", "# #[", "\xf0\x9f\x98\x80"}) {
        CHECK(visible(text) == text);
    }
}

TEST_CASE("visible() doubles a backslash only where it would read as an escape, so outputs stay distinct") {
    CHECK(visible("a\\xff") == "a\\\\xff");
    CHECK(visible("a\\xff") != visible("a\xff"));
    CHECK(visible("\\n") == "\\\\n");
    CHECK(visible("\\\n") == "\\\\\\n");
    CHECK(visible("\\\\d") == "\\\\\\d");
    CHECK(visible("\\u{85}") == "\\\\u{85}");
    CHECK(visible("\\\xc2\x85") == "\\\\\\u{85}");
    CHECK(visible("x\xfe") != visible("x\xff"));
}

TEST_CASE("visible() breaks GitHub's older ##[command] form wherever it stands") {
    CHECK(visible("##[error]pwned") == "##\\x5berror]pwned");
    CHECK(visible("x ###[add-mask]y") == "x ###\\x5badd-mask]y");
}

TEST_CASE("display_width counts terminal columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac") == 4);  // two wide characters
    CHECK(display_width("e\xcc\x81") == 1);                 // e and a combining acute accent
    CHECK(display_width("\xef\xbc\xa1") == 2);              // a full-width A
    CHECK(display_width("\xff") == 1);
    CHECK(display_width(ellipsis) == 1);
}

TEST_CASE("shortened keeps the first characters and marks the cut") {
    CHECK(shortened("abcdef", 4) == "abc\u2026");
    CHECK(shortened("abcd", 4) == "abcd");
    CHECK(shortened("\xc3\xb1\xc3\xb1\xc3\xb1\xc3\xb1", 3) == "\xc3\xb1\xc3\xb1\u2026");
}

TEST_CASE("visible_excerpt: a short line whole, the caret counted in columns") {
    auto excerpt = visible_excerpt("a: 1", 4, 100);
    CHECK(excerpt.text == "a: 1");
    CHECK(excerpt.caret == 3);
    excerpt = visible_excerpt("\tkey: x", 3, 100);
    CHECK(excerpt.text == "\\tkey: x");
    CHECK(excerpt.caret == 3);
    CHECK(visible_excerpt("n: Zo\xC3\xAB, x", 9, 100).caret == 8);
    CHECK(visible_excerpt("\xe5\x90\x8d\xe5\x89\x8d: x", 5, 100).caret == 6);
    CHECK(visible_excerpt("a\xff" "b", 3, 100).text == "a\\xffb");
    CHECK(visible_excerpt("a\xff" "b", 3, 100).caret == 5);
    CHECK(visible_excerpt("ab", 5, 100).caret == 4); // past the end
    // The line's own backslashes are quoted as typed.
    CHECK(visible_excerpt("name: \"a\\nb\\x41\"", 1, 100).text == "name: \"a\\nb\\x41\"");
}

TEST_CASE("visible_excerpt cuts a long line around the column") {
    const std::string line = "k: " + std::string(300, 'x') + "TARGET" + std::string(300, 'y');
    const auto excerpt = visible_excerpt(line, 304, 100);
    CHECK(excerpt.text == "\u2026" + std::string(32, 'x') + "TARGET" + std::string(60, 'y') + "\u2026");
    CHECK(excerpt.caret == 33);
    CHECK(display_width(excerpt.text) == 100);

    // Near the end, the room goes to the left.
    const auto end = visible_excerpt(std::string(300, 'x') + "END", 301, 100);
    CHECK(end.text == "\u2026" + std::string(95, 'x') + "END");
    CHECK(end.caret == 96);

    // Escapes are never split.
    std::string escapes;
    for (int i = 0; i < 100; ++i) escapes += "\x1b";
    const auto shown = visible_excerpt(escapes + "T", 101, 100);
    std::string expected = "\u2026";
    for (int i = 0; i < 24; ++i) expected += "\\x1b";
    CHECK(shown.text == expected + "T");
    CHECK(shown.caret == 97);

    // Columns count characters, not bytes, also where eight bytes are counted at once.
    std::string accents;
    for (int i = 0; i < 50; ++i) accents += "\xc3\xb1";
    const auto after_accents = visible_excerpt(accents + "X", 51, 100);
    CHECK(after_accents.text == accents + "X");
    CHECK(after_accents.caret == 50);
    std::string wide;
    for (int i = 0; i < 60; ++i) wide += "\xe6\x97\xa5";
    const auto after_wide = visible_excerpt(wide + "X", 61, 100);
    CHECK(after_wide.text.starts_with("\u2026"));
    CHECK(after_wide.text.ends_with("X"));
    CHECK(after_wide.caret == display_width(after_wide.text) - 1);

    // A 120 KB line costs one excerpt, not the line.
    const std::string huge(120000, 'z');
    CHECK(display_width(visible_excerpt(huge, 60000, 100).text) <= 100);
}

TEST_CASE("safe_line_start: no output line may start a GitHub workflow command") {
    CHECK(safe_line_start("::error file=x::boom.yaml") == "\\x3a:error file=x::boom.yaml");
    CHECK(safe_line_start("  ::warning::x") == "  \\x3a:warning::x");
    CHECK(safe_line_start("\xc2\xa0::x") == "\xc2\xa0\\x3a:x"); // a no-break space, trimmed by the runner
    CHECK(safe_line_start("a::b") == "a::b");
    CHECK(safe_line_start(":x") == ":x");
    CHECK(starts_workflow_command("\t ::x"));
    CHECK_FALSE(starts_workflow_command("x ::y"));
}

TEST_CASE("each output format's escaper applies visible()") {
    using namespace telework::cli;
    // JSON: always valid UTF-8; valid text is kept exactly, hidden characters as \u escapes.
    CHECK(json::escape("a\x1b[2J\n") == "\"a\\u001b[2J\\n\"");
    CHECK(json::escape("\xc2\x85\xe2\x80\xae") == "\"\\u0085\\u202e\"");
    CHECK(json::escape("##[error]") == "\"##\\u005berror]\"");
    CHECK(json::escape("\xf4\x8f\xbf\xbf") == "\"\\udbff\\udfff\"");
    CHECK(json::escape("x\xff.yaml") == "\"x\\\\xff.yaml\"");
    CHECK(json::escape("x\xfe.yaml") != json::escape("x\xff.yaml"));
    // XML and HTML: no CR reference, no C1, no dropped bytes.
    CHECK(escape_markup("a\r\nb\xc2\x85<") == "a\\r\\nb\\u{85}&lt;");
    CHECK(escape_markup("x\xff") == "x\\xff");
    // CSV: formulas neutralised (OWASP), and no row starts a workflow command.
    CHECK(csv_field("=HYPERLINK(\"http://x.invalid\",\"open\")") ==
          "\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"open\"\")\"");
    CHECK(csv_field("+cmd") == "'+cmd");
    CHECK(csv_field("-1") == "'-1");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("\tTAB") == "\\tTAB");
    CHECK(csv_field("\rCR") == "\\rCR");
    CHECK(csv_field("::error file=x::boom") == "\"::error file=x::boom\"");
    CHECK(csv_field("Ana Lima") == "Ana Lima");
    // iCalendar TEXT: no control characters.
    CHECK(ics_text("a\x1b;b,\n") == "a\\\\x1b\\;b\\,\\\\n");
}

TEST_CASE("ics_fold never starts a continuation line with \"::\"") {
    // The natural fold (75 octets) would fall just before "::error".
    const std::string line = "SUMMARY:" + std::string(67, 'x') + "::error file=README.md::pwned";
    const std::string folded = cli::ics_fold(line);
    CHECK(folded.find("\r\n ::") == std::string::npos);
    std::string unfolded = folded;
    for (std::size_t at; (at = unfolded.find("\r\n ")) != std::string::npos;) unfolded.erase(at, 3);
    CHECK(unfolded == line + "\r\n");
    // A run of blanks and colons cannot be folded inside at all.
    const std::string run = "SUMMARY:x" + std::string(200, ' ') + std::string(200, ':') + "y";
    const std::string kept = cli::ics_fold(run);
    for (std::size_t at = kept.find("\r\n "); at != std::string::npos; at = kept.find("\r\n ", at + 1)) {
        CHECK_FALSE(starts_workflow_command(std::string_view(kept).substr(at + 3)));
    }
}

TEST_CASE("render_diagnostic: one line each, escaped, the caret under the column") {
    RecordFile file;
    file.display_path = "::error file=x::boom.yaml";
    const SourceText source("format: 1\n\"k\x1b]0;t\x07\": 1\n");
    const Finding finding{"TW002", Severity::Error, Position{2, 3},
                          "unknown key 'k\x1b]0;t\x07\n::error file=README.md::pwned'"};
    CHECK(cli::render_diagnostic(file, source, finding, false) ==
          "\\x3a:error file=x::boom.yaml:2:3: error: unknown key 'k\\x1b]0;t\\x07\\n::error "
          "file=README.md::pwned' [TW002 schema]\n"
          " 2 | \"k\\x1b]0;t\\x07\": 1\n"
          "   |   ^\n");
    // A message quoting a 100 KB key is cut.
    const Finding long_key{"TW002", Severity::Error, Position{1, 1}, "unknown key '" + std::string(100000, 'k') + "'"};
    CHECK(cli::render_diagnostic(file, source, long_key, false).size() < 700);
}
