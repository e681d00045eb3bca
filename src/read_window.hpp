#pragma once

#include "scratch.hpp"
#include "telework/record.hpp"
#include "telework/record_cache.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace telework::detail {

// One thread's last read from a store, with what follows it there. Records
// are restored, and judged, in about the order their entries lie in the
// store, so most reads are then answered without a system call. A store's
// bytes never change once written, so a window cannot go stale; it is tied
// to its store by the store's control block, which the weak reference keeps
// from being reused.
class ReadWindow {
public:
    // The `size` bytes at `offset` in `store`: a view valid until this
    // window's next read.
    std::optional<std::string_view> read(const std::shared_ptr<const ModelStore>& store, std::uint64_t offset,
                                         std::uint32_t size) {
        if (holds(store, offset, size)) return std::string_view(bytes_).substr(offset - offset_, size);
        store_.reset();
        auto bytes = store->bytes_ahead(offset, size, ahead_bytes, bytes_);
        // A store that answers from its own memory needs no window.
        if (!bytes || bytes->data() != bytes_.data()) return bytes;
        store_ = store;
        offset_ = offset;
        bytes_.resize(bytes->size());
        return std::string_view(bytes_).substr(0, size);
    }

    // Gives back the memory one large entry took, once its view is no
    // longer used.
    void release_if_large() {
        if (bytes_.capacity() > scratch_keep_bytes) {
            store_.reset();
            bytes_ = std::string();
        }
    }

private:
    static constexpr std::uint32_t ahead_bytes = 128 * 1024;

    bool holds(const std::shared_ptr<const ModelStore>& store, std::uint64_t offset, std::uint32_t size) const {
        const bool same_store = !store_.owner_before(store) && !store.owner_before(store_) && !store_.expired();
        return same_store && offset >= offset_ && offset - offset_ <= bytes_.size() &&
               size <= bytes_.size() - (offset - offset_);
    }

    std::weak_ptr<const ModelStore> store_;
    std::uint64_t offset_ = 0;
    std::string bytes_;
};

// Calls release_if_large when the views of a window's last read go out of use.
struct WindowRelease {
    ReadWindow& window;
    explicit WindowRelease(ReadWindow& w) : window(w) {}
    WindowRelease(const WindowRelease&) = delete;
    WindowRelease& operator=(const WindowRelease&) = delete;
    ~WindowRelease() { window.release_if_large(); }
};

// read_entry, through a window.
std::optional<std::string_view> read_entry(const CacheEntry& entry, ReadWindow& window);

} // namespace telework::detail
