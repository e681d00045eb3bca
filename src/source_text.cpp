#include "telework/source_text.hpp"

#include <algorithm>

namespace telework {

namespace {
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
} // namespace

SourceText::SourceText(std::string text) : text_(std::move(text)) {
    if (text_.starts_with(utf8_bom)) {
        text_.erase(0, utf8_bom.size());
        had_bom_ = true;
    }
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            line_starts_.push_back(i + 1);
        } else if (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n')) {
            line_starts_.push_back(i + 1);
        }
    }
}

std::string_view SourceText::line(int n) const {
    if (n < 1 || n > line_count()) return {};
    const std::size_t begin = line_starts_[static_cast<std::size_t>(n - 1)];
    std::size_t end = n < line_count() ? line_starts_[static_cast<std::size_t>(n)] : text_.size();
    std::string_view view(text_.data() + begin, end - begin);
    while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
    return view;
}

Position SourceText::position_of(int zero_based_line, int byte_column) const {
    const int line_number = std::clamp(zero_based_line + 1, 1, std::max(1, line_count()));
    const std::string_view text = line(line_number);
    const auto bytes = static_cast<std::size_t>(std::clamp(byte_column, 0, static_cast<int>(text.size())));
    return Position{line_number, count_code_points(text.substr(0, bytes)) + 1};
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

std::size_t find_invalid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == 0) return i;
        std::size_t length = 0;
        char32_t min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4, min = 0x10000;
        } else {
            return i;
        }
        if (i + length > bytes.size()) return i;
        char32_t cp = c & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto cc = static_cast<unsigned char>(bytes[i + k]);
            if (!is_continuation(cc)) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += length;
    }
    return std::string_view::npos;
}

} // namespace telework
