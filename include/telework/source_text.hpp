#pragma once

#include "telework/position.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// The text of one file with a line index, to turn parser offsets into
// positions and to quote a source line under a diagnostic.
class SourceText {
public:
    SourceText() = default;
    // A leading UTF-8 byte-order mark is dropped; line breaks may be LF, CRLF or CR.
    explicit SourceText(std::string text);

    const std::string& text() const { return text_; }
    int line_count() const { return static_cast<int>(line_starts_.size()); }
    // Line n (1-based) without its line break; empty when out of range.
    std::string_view line(int n) const;
    // Position of a 0-based line and 0-based byte column (what yaml-cpp reports).
    Position position_of(int zero_based_line, int byte_column) const;
    // Position of a byte offset into text().
    Position position_at(std::size_t offset) const;
    bool had_bom() const { return had_bom_; }
    // Where a position lies on its line: the byte offset into line(pos.line),
    // and how many columns past the line's end it points (0 when on it).
    // Costs a binary search and at most a stride of counting, so findings on
    // one long line are not quadratic.
    struct LineOffset {
        std::size_t byte = 0;
        std::size_t past_end = 0;
    };
    LineOffset offset_of(Position pos) const;

private:
    // Code points before text_[k * checkpoint_stride], so that a column on a
    // long line costs at most one stride of counting, not the whole line.
    static constexpr std::size_t checkpoint_stride = 256;
    std::size_t code_points_before(std::size_t offset) const;
    // The line index of text with CRs in it: CRLF or a lone CR also ends a line.
    void index_lines_with_carriage_returns();

    std::string text_;
    std::vector<std::size_t> line_starts_;
    std::vector<std::size_t> checkpoints_; // empty when the text is ASCII
    std::vector<bool> line_ascii_;         // per line: column = byte + 1
    bool had_bom_ = false;
};

// Number of code points in a UTF-8 string (invalid bytes count one each).
int count_code_points(std::string_view utf8);

// Decodes the UTF-8 sequence at text[i] and advances i past it. An invalid
// sequence (overlong, surrogate, truncated, out of range) yields nullopt and
// consumes one byte.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& i);

// Byte offset of the first invalid UTF-8 sequence or NUL byte, or npos.
std::size_t find_invalid_utf8(std::string_view bytes);

} // namespace telework
