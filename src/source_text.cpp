#include "telework/source_text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace telework {

namespace {
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Whether line n (1-based) is ASCII; a default SourceText has no lines at all.
bool ascii_line(const std::vector<bool>& flags, int n) {
    return n >= 1 && static_cast<std::size_t>(n) <= flags.size() && flags[static_cast<std::size_t>(n - 1)];
}

// Eight bytes at a time: every record's text is scanned twice (UTF-8 check,
// line index) before yaml-cpp reads it, so these scans must cost little.
constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
constexpr std::uint64_t low_bits = 0x0101010101010101ULL;

std::uint64_t word_at(const char* bytes) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

bool is_ascii(std::string_view text) {
    std::uint64_t seen = 0;
    std::size_t i = 0;
    for (; i + sizeof seen <= text.size(); i += sizeof seen) seen |= word_at(text.data() + i);
    for (; i < text.size(); ++i) seen |= static_cast<unsigned char>(text[i]);
    return (seen & high_bits) == 0;
}

// Whether all eight bytes are ASCII and none is NUL. A borrow out of a NUL
// byte may flag the bytes above it too, which only sends them the slow way.
bool ascii_without_nul(std::uint64_t word) { return (((word - low_bits) | word) & high_bits) == 0; }
} // namespace

SourceText::SourceText(std::string text) : text_(std::move(text)) {
    if (text_.starts_with(utf8_bom)) {
        text_.erase(0, utf8_bom.size());
        had_bom_ = true;
    }
    const std::string_view view(text_);
    const bool all_ascii = is_ascii(view);
    if (view.find('\r') == std::string_view::npos) {
        // The usual text: every line ends at a line feed, found by memchr.
        for (std::size_t start = 0;;) {
            line_starts_.push_back(start);
            const std::size_t feed = view.find('\n', start);
            const std::size_t end = feed == std::string_view::npos ? view.size() : feed;
            line_ascii_.push_back(all_ascii || is_ascii(view.substr(start, end - start)));
            if (feed == std::string_view::npos) break;
            start = feed + 1;
        }
    } else {
        index_lines_with_carriage_returns();
    }
    // Most records are ASCII throughout; only text with other characters
    // needs code-point checkpoints.
    if (all_ascii) return;
    std::size_t code_points = 0;
    for (std::size_t i = 0; i < view.size(); ++i) {
        if (i % checkpoint_stride == 0) checkpoints_.push_back(code_points);
        if (!is_continuation(static_cast<unsigned char>(view[i]))) ++code_points;
    }
}

void SourceText::index_lines_with_carriage_returns() {
    line_starts_.push_back(0);
    bool line_ascii = true;
    const std::size_t size = text_.size();
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(text_[i]);
        if (c >= 0x80) {
            line_ascii = false;
        } else if (c == '\n' || (c == '\r' && (i + 1 == size || text_[i + 1] != '\n'))) {
            line_ascii_.push_back(line_ascii);
            line_ascii = true;
            line_starts_.push_back(i + 1);
        }
    }
    line_ascii_.push_back(line_ascii);
}

std::string_view SourceText::line(int n) const {
    if (n < 1 || n > line_count()) return {};
    const std::size_t begin = line_starts_[static_cast<std::size_t>(n - 1)];
    std::size_t end = n < line_count() ? line_starts_[static_cast<std::size_t>(n)] : text_.size();
    std::string_view view(text_.data() + begin, end - begin);
    while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
    return view;
}

std::size_t SourceText::code_points_before(std::size_t offset) const {
    if (checkpoints_.empty()) return offset;
    const std::size_t checkpoint = offset / checkpoint_stride;
    if (checkpoint >= checkpoints_.size()) return static_cast<std::size_t>(count_code_points(std::string_view(text_).substr(0, offset)));
    const std::size_t from = checkpoint * checkpoint_stride;
    return checkpoints_[checkpoint] +
           static_cast<std::size_t>(count_code_points(std::string_view(text_).substr(from, offset - from)));
}

SourceText::LineOffset SourceText::offset_of(Position pos) const {
    const std::string_view text = line(pos.line);
    if (text.empty()) return LineOffset{0, static_cast<std::size_t>(std::max(pos.column - 1, 0))};
    const auto start = static_cast<std::size_t>(text.data() - text_.data());
    const auto column = static_cast<std::size_t>(std::max(pos.column - 1, 0));
    if (ascii_line(line_ascii_, pos.line)) {
        return column <= text.size() ? LineOffset{column, 0} : LineOffset{text.size(), column - text.size()};
    }
    const std::size_t wanted = code_points_before(start) + column;
    // The last checkpoint at or before the wanted code point, but not before the line.
    const auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), wanted);
    std::size_t i = start;
    if (after != checkpoints_.begin()) {
        i = std::max(start, static_cast<std::size_t>(after - checkpoints_.begin() - 1) * checkpoint_stride);
    }
    while (i > start && is_continuation(static_cast<unsigned char>(text_[i]))) --i;
    std::size_t seen = code_points_before(i);
    const std::size_t end = start + text.size();
    for (; i < end; ++i) {
        if (is_continuation(static_cast<unsigned char>(text_[i]))) continue;
        if (seen == wanted) return LineOffset{i - start, 0};
        ++seen;
    }
    return LineOffset{text.size(), wanted - seen};
}

Position SourceText::position_of(int zero_based_line, int byte_column) const {
    const int line_number = std::clamp(zero_based_line + 1, 1, std::max(1, line_count()));
    const std::string_view text = line(line_number);
    const auto bytes = static_cast<std::size_t>(std::clamp(byte_column, 0, static_cast<int>(text.size())));
    if (ascii_line(line_ascii_, line_number)) return Position{line_number, static_cast<int>(bytes) + 1};
    const std::size_t start = static_cast<std::size_t>(text.data() - text_.data());
    return Position{line_number, static_cast<int>(code_points_before(start + bytes) - code_points_before(start)) + 1};
}

Position SourceText::position_at(std::size_t offset) const {
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line_index = static_cast<int>(next - line_starts_.begin()) - 1;
    return position_of(line_index, static_cast<int>(offset - line_starts_[static_cast<std::size_t>(line_index)]));
}

int count_code_points(std::string_view utf8) {
    return static_cast<int>(std::count_if(utf8.begin(), utf8.end(),
                                          [](char c) { return !is_continuation(static_cast<unsigned char>(c)); }));
}

std::optional<char32_t> next_code_point(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t smallest = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, smallest = 0x10000;
    } else {
        ++i;
        return std::nullopt;
    }
    if (i + length > text.size()) {
        ++i;
        return std::nullopt;
    }
    char32_t c = lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(text[i + k]);
        if (!is_continuation(byte)) {
            ++i;
            return std::nullopt;
        }
        c = (c << 6) | (byte & 0x3Fu);
    }
    if (c < smallest || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        ++i;
        return std::nullopt;
    }
    i += length;
    return c;
}

std::size_t find_invalid_utf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        if (i + sizeof(std::uint64_t) <= bytes.size() && ascii_without_nul(word_at(bytes.data() + i))) {
            i += sizeof(std::uint64_t);
            continue;
        }
        const auto byte = static_cast<unsigned char>(bytes[i]);
        if (byte != 0 && byte < 0x80) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        const auto c = next_code_point(bytes, i);
        if (!c || *c == 0) return start;
    }
    return std::string_view::npos;
}

} // namespace telework
