// SHA-256 of a record's bytes and of cache entries (include/telework/record.hpp).
// nettle, not OpenSSL: the digest is one call, and OpenSSL 3's library
// initialisation and algorithm fetch cost a single-file run ~1.5 ms.
#include "telework/record.hpp"

#include <nettle/sha2.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

namespace telework {

static_assert(SHA256_DIGEST_SIZE == std::tuple_size_v<ContentDigest>);

ContentDigest digest_of(std::string_view bytes) {
    sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    ContentDigest digest{};
    sha256_digest(&context, digest.size(), digest.data());
    return digest;
}

std::string to_hex(const ContentDigest& digest) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (const unsigned char c : digest) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

} // namespace telework
