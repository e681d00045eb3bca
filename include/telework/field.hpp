#pragma once

#include "telework/position.hpp"

#include <string>
#include <vector>

namespace telework {

// How a key of a record was given. The format page distinguishes a key that
// is absent ("not recorded") from one that is null ("not yet answered");
// a malformed value is reported once (TW002) and every rule then skips it.
enum class Presence { Absent, Null, Invalid, Present };

template <class T>
struct Field {
    Presence presence = Presence::Absent;
    T value{};
    // The value's position; for an absent key, the key of its parent mapping.
    Position pos;

    bool present() const { return presence == Presence::Present; }
    bool absent() const { return presence == Presence::Absent; }
    bool is_null() const { return presence == Presence::Null; }
    bool invalid() const { return presence == Presence::Invalid; }
    // Absent or null: a fact that is not there.
    bool missing() const { return absent() || is_null(); }
    const T& operator*() const { return value; }
    const T* operator->() const { return &value; }
};

inline bool is_empty_value(const std::string& s) { return s.empty(); }
template <class T>
bool is_empty_value(const std::vector<T>& v) { return v.empty(); }
template <class T>
bool is_empty_value(const T&) { return false; }

// "Lacks" in the rule catalog: absent, null, an empty string or an empty
// list. A malformed value does not lack: it was reported already.
template <class T>
bool lacks(const Field<T>& f) {
    return f.missing() || (f.present() && is_empty_value(f.value));
}

// True only for a value given as `true`.
inline bool is_true(const Field<bool>& f) { return f.present() && f.value; }
inline bool is_false(const Field<bool>& f) { return f.present() && !f.value; }

} // namespace telework
