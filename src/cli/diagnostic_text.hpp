#pragma once

#include "telework/engine.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace telework::cli {

// "path:line:col: severity: message [ID name]", then (unless `concise`) the
// source line and a caret, each on one line whatever the record holds (see
// telework/visible.hpp).
enum class Excerpts { Shown, Concise };
// `source` is the file's text (RecordFile::read_source); empty, no excerpt.
std::string render_diagnostic(const RecordFile& file, const SourceText& source, const Finding& finding, bool color,
                              Excerpts excerpts = Excerpts::Shown);

// The most of a source line shown under a finding, in columns: the line is
// cut around the reported column, so a one-line 120 KB mapping does not
// re-print itself for each of its findings.
inline constexpr std::size_t excerpt_columns = 100;

// Messages as people read them (text, GitHub annotations, JUnit) are cut to
// this many characters; a key of 100 KB quoted in "unknown key '...'" would
// otherwise make one finding 100 KB long. The longest message telework
// writes about ordinary input is under 300 characters.
inline constexpr std::size_t message_chars = 400;

// The message as people read it: raw text, cut to message_chars with '…'.
std::string message_for_people(std::string_view message);

} // namespace telework::cli
