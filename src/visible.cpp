#include "telework/visible.hpp"

#include "telework/source_text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <vector>

namespace telework {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

struct Range {
    char32_t first;
    char32_t last;
};

template <std::size_t N>
bool in_ranges(char32_t c, const Range (&ranges)[N]) {
    const Range* it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                       [](char32_t value, const Range& range) { return value < range.first; });
    return it != std::begin(ranges) && c <= std::prev(it)->last;
}

// Combining marks (Mn, Me) of the common scripts, Hangul medial and final
// jamo, and the zero-width and format characters: no column of their own.
constexpr Range zero_width[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x0610, 0x061A},   {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC},   {0x06DF, 0x06E4},   {0x06E7, 0x06E8},   {0x06EA, 0x06ED}, {0x0711, 0x0711},
    {0x0730, 0x074A},   {0x07A6, 0x07B0},   {0x0816, 0x0819},   {0x0900, 0x0902}, {0x093A, 0x093A},
    {0x093C, 0x093C},   {0x0941, 0x0948},   {0x094D, 0x094D},   {0x0951, 0x0957}, {0x0962, 0x0963},
    {0x0981, 0x0981},   {0x09BC, 0x09BC},   {0x09C1, 0x09C4},   {0x09CD, 0x09CD}, {0x0E31, 0x0E31},
    {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E},   {0x0EB1, 0x0EB1},   {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD},
    {0x1160, 0x11FF},   {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF},   {0x200B, 0x200F}, {0x202A, 0x202E},
    {0x2060, 0x2064},   {0x2066, 0x206F},   {0x20D0, 0x20FF},   {0x302A, 0x302D}, {0x3099, 0x309A},
    {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F},   {0xFEFF, 0xFEFF},   {0x1D167, 0x1D169}, {0x1D173, 0x1D182},
    {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};

// East Asian Wide and Fullwidth characters, emoji presentation included.
constexpr Range double_width[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x3247},   {0x3250, 0x4DBF},   {0x4E00, 0xA4CF},   {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

std::size_t code_point_width(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return 0;
    if (c < 0x300) return 1;
    if (in_ranges(c, zero_width)) return 0;
    return in_ranges(c, double_width) ? 2 : 1;
}

constexpr std::string_view hex_digits = "0123456789abcdef";

// One input character (or invalid byte) as visible() shows it, and the
// columns it takes.
class Shown {
public:
    // Escapes are ASCII: a column a byte.
    void add(char c) {
        bytes_[size_++] = c;
        ++width_;
    }
    void add(std::string_view text) {
        for (const char c : text) add(c);
    }
    void add_byte_escape(unsigned byte) {
        add("\\x");
        add(hex_digits[(byte >> 4) & 0xF]);
        add(hex_digits[byte & 0xF]);
    }
    void add_hex(char32_t value) {
        int shift = 28;
        while (shift > 0 && ((value >> shift) & 0xF) == 0) shift -= 4;
        for (; shift >= 0; shift -= 4) add(hex_digits[(value >> shift) & 0xF]);
    }
    // A character shown as itself.
    void add_raw(std::string_view bytes, std::size_t width) {
        for (const char c : bytes) bytes_[size_++] = c;
        width_ += width;
    }
    std::string_view text() const { return {bytes_.data(), size_}; }
    std::size_t width() const { return width_; }

private:
    std::array<char, 12> bytes_{}; // the longest: "\u{10fffe}"
    std::size_t size_ = 0;
    std::size_t width_ = 0;
};

// Walks a text character by character, showing each as visible() does.
// It may start at any byte that is not a UTF-8 continuation byte: every such
// byte starts a character (or is an invalid byte on its own) whatever came
// before, so an excerpt decodes exactly as the whole line would.
class ShownWalker {
public:
    // `source`: the text is a line of a file, quoted as typed, so its own
    // backslashes stay single (in YAML, "\n" in a double-quoted scalar is
    // the file's escape, and doubling it would misquote the line).
    ShownWalker(std::string_view text, std::size_t from, bool source = false)
        : text_(text), pos_(from), source_(source) {
        // '#' is ASCII, so the bytes just before `from` tell whether a '[' there follows "##".
        while (hashes_ < 2 && from > hashes_ && text[from - hashes_ - 1] == '#') ++hashes_;
    }

    bool done() const { return pos_ >= text_.size(); }
    std::size_t position() const { return pos_; }

    Shown next() {
        Shown out;
        const std::size_t start = pos_;
        const auto c = next_code_point(text_, pos_);
        if (!c) {
            out.add_byte_escape(static_cast<unsigned char>(text_[start]));
        } else if (*c == '\\') {
            out.add(!source_ && starts_escape_next() ? "\\\\" : "\\");
        } else if (*c == '[' && hashes_ >= 2) {
            out.add("\\x5b");
        } else if (needs_escape(*c)) {
            escape(*c, out);
        } else {
            out.add_raw(text_.substr(start, pos_ - start), code_point_width(*c));
        }
        hashes_ = c && *c == '#' ? hashes_ + 1 : 0;
        return out;
    }

private:
    static void escape(char32_t c, Shown& out) {
        switch (c) {
        case '\t': out.add("\\t"); return;
        case '\n': out.add("\\n"); return;
        case '\r': out.add("\\r"); return;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            out.add_byte_escape(static_cast<unsigned>(c));
            return;
        }
        out.add("\\u{");
        out.add_hex(c);
        out.add('}');
    }

    // Whether what follows a backslash would make it read as an escape.
    bool starts_escape_next() const {
        if (done()) return false;
        std::size_t i = pos_;
        const auto c = next_code_point(text_, i);
        if (!c || needs_escape(*c)) return true;
        return *c == '\\' || *c == 'x' || *c == 'u' || *c == 'n' || *c == 'r' || *c == 't';
    }

    std::string_view text_;
    std::size_t pos_;
    bool source_;
    std::size_t hashes_ = 0;
};

struct Piece {
    std::string text;
    std::size_t width;
};

// Continuation bytes (10xxxxxx) among 8 bytes: bit 7 set, bit 6 clear.
std::size_t continuation_bytes(std::uint64_t word) {
    return static_cast<std::size_t>(std::popcount(word & ~(word << 1) & 0x8080808080808080ULL));
}

// The byte offset of a 1-based column (columns count the bytes that start a
// character, as SourceText does) and how many columns it lies past the end.
// Eight bytes at a time while the column is further on: a line of 100 KB
// with a finding on each of its keys is counted often.
std::pair<std::size_t, std::size_t> column_offset(std::string_view line, int column) {
    const std::size_t wanted = column > 1 ? static_cast<std::size_t>(column - 1) : 0;
    std::size_t seen = 0;
    std::size_t i = 0;
    while (i + 8 <= line.size() && seen + 8 <= wanted) {
        std::uint64_t word = 0;
        std::memcpy(&word, line.data() + i, sizeof word);
        seen += 8 - continuation_bytes(word);
        i += 8;
    }
    for (; i < line.size(); ++i) {
        if (is_continuation(static_cast<unsigned char>(line[i]))) continue;
        if (seen == wanted) return {i, 0};
        ++seen;
    }
    return {line.size(), wanted - seen};
}

} // namespace

bool is_blank(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

bool needs_escape(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 ||
           (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

std::string visible(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    ShownWalker walker(text, 0);
    while (!walker.done()) out += walker.next().text();
    return out;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = next_code_point(text, i);
        width += c ? code_point_width(*c) : 1;
    }
    return width;
}

std::string shortened(std::string_view text, std::size_t max_chars) {
    std::size_t i = 0;
    std::size_t keep = 0; // bytes of the first max_chars - 1 characters
    for (std::size_t chars = 0; i < text.size(); ++chars) {
        if (chars + 1 == max_chars) keep = i;
        if (chars == max_chars) return std::string(text.substr(0, keep)) + std::string(ellipsis);
        next_code_point(text, i);
    }
    return std::string(text);
}

Excerpt visible_excerpt(std::string_view line, int column, std::size_t max_width) {
    const auto [byte, past_end] = column_offset(line, column);
    return visible_excerpt_at(line, byte, past_end, max_width);
}

Excerpt visible_excerpt_at(std::string_view line, std::size_t target, std::size_t past_end, std::size_t max_width) {
    max_width = std::max<std::size_t>(max_width, 3);

    // Decode only what can be shown. Before the column: as many bytes as
    // columns could be shown (plain text takes a column a byte), and four
    // times as many when that fell short (wide and combining characters
    // take fewer columns than bytes). After it: until the width runs out.
    std::size_t from = 0;
    std::vector<Piece> left;
    std::size_t left_width = 0;
    for (const std::size_t bytes : {max_width, 4 * max_width}) {
        from = target > bytes ? target - bytes : 0;
        while (from > 0 && is_continuation(static_cast<unsigned char>(line[from]))) --from;
        left.clear();
        left_width = 0;
        for (ShownWalker walker(line, from, true); walker.position() < target;) {
            const Shown shown = walker.next();
            left.push_back({std::string(shown.text()), shown.width()});
            left_width += shown.width();
        }
        if (from == 0 || left_width >= max_width) break;
    }
    std::vector<Piece> right;
    std::size_t right_width = 0;
    ShownWalker walker(line, target, true);
    while (!walker.done() && right_width <= max_width) {
        const Shown shown = walker.next();
        right.push_back({std::string(shown.text()), shown.width()});
        right_width += shown.width();
    }
    const bool line_ends = walker.done();

    Excerpt out;
    if (from == 0 && line_ends && left_width + right_width <= max_width) {
        for (const auto& piece : left) out.text += piece.text;
        for (const auto& piece : right) out.text += piece.text;
        out.caret = left_width + past_end;
        return out;
    }
    // Cut: a third of the room before the caret, unless the line ends sooner.
    const std::size_t room = max_width - 2 * display_width(ellipsis);
    std::size_t want_left = std::min(left_width, room / 3);
    if (right_width < room - want_left) want_left = std::min(left_width, room - right_width);
    std::size_t first = left.size();
    std::size_t used = 0;
    while (first > 0 && used + left[first - 1].width <= want_left) used += left[--first].width;
    std::size_t last = 0;
    while (last < right.size() && used + right[last].width <= room) used += right[last++].width;
    const bool cut_left = first > 0 || from > 0;
    const bool cut_right = last < right.size() || !line_ends;

    if (cut_left) out.text += ellipsis;
    for (std::size_t k = first; k < left.size(); ++k) {
        out.text += left[k].text;
        out.caret += left[k].width;
    }
    for (std::size_t k = 0; k < last; ++k) out.text += right[k].text;
    if (cut_right) out.text += ellipsis;
    out.caret += (cut_left ? display_width(ellipsis) : 0) + past_end;
    return out;
}

bool starts_workflow_command(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size()) {
        std::size_t next = i;
        const auto c = next_code_point(line, next);
        if (!c || !is_blank(*c)) break;
        i = next;
    }
    return line.substr(i).starts_with("::");
}

std::string safe_line_start(std::string shown) {
    if (!starts_workflow_command(shown)) return shown;
    const std::size_t colon = shown.find(':');
    shown.replace(colon, 1, "\\x3a");
    return shown;
}

} // namespace telework
