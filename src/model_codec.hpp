#pragma once

#include "telework/agreement.hpp"
#include "telework/finding.hpp"
#include "telework/record.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telework::detail {

// What parsing and decoding produced, in a compact binary form: the form a
// record is kept in for the rest of a run (a decoded Agreement is several
// times the size of its file) and the form the cache stores.
void encode_agreement(const Agreement& agreement, std::string& out);
void encode_findings(const std::vector<Finding>& findings, std::string& out); // `info` is not kept
void encode_keys(const RecordKeys& keys, std::string& out);

// Nullopt when the bytes are not exactly one encoded value (truncated,
// trailing bytes, a value out of its range): a cache entry that was damaged
// is then a miss, never a wrong record.
std::optional<Agreement> decode_agreement_bytes(std::string_view bytes);
// Whether decode_agreement_bytes would give an agreement, at a fraction of its cost.
bool agreement_bytes_decode(std::string_view bytes);
std::optional<std::vector<Finding>> decode_findings_bytes(std::string_view bytes);
std::optional<RecordKeys> decode_keys_bytes(std::string_view bytes);

} // namespace telework::detail
