#pragma once

#include "telework/agreement.hpp"
#include "telework/catalog.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace telework::rules {

// Where to point for a key inside a block: the key itself when the block is
// there, else the block (or, for an absent block, its parent).
template <class B, class T>
Position where(const Field<B>& block, const Field<T>& child) {
    return block.present() ? child.pos : block.pos;
}

// A fact of a block, as a field that is absent when the block is.
template <class B, class T>
Field<T> fact(const Field<B>& block, Field<T> B::*member) {
    if (block.present()) return block.value.*member;
    Field<T> absent;
    absent.presence = block.invalid() ? Presence::Invalid : Presence::Absent;
    absent.pos = block.pos;
    return absent;
}

// The format page's words for a fact that is not there: an absent key is
// "not recorded", a null one "not yet answered".
template <class T>
std::string missing_fact(const Field<T>& field, std::string_view name) {
    return field.is_null() ? fmt::format("'{}' is not yet answered (null)", name)
                           : fmt::format("'{}' is not recorded", name);
}

// Names compared as people write them: case and spacing do not matter.
std::string same_name_key(std::string_view name);

} // namespace telework::rules
