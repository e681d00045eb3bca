#include "telework/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace telework {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates) {
    const std::size_t limit = word.size() <= 3 ? 1 : std::max<std::size_t>(2, word.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const auto candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = std::string(candidate);
        }
    }
    if (!best && word.size() >= 4) { // a truncated name: "max_term" for "max_term_months"
        for (const auto candidate : candidates) {
            if (candidate.starts_with(word)) return std::string(candidate);
        }
    }
    return best;
}

std::string join_names(std::span<const std::string_view> names, std::string_view separator) {
    std::string out;
    for (const auto name : names) {
        if (!out.empty()) out += separator;
        out += name;
    }
    return out;
}

} // namespace telework
