#pragma once

#include "telework/agreement.hpp"

#include <span>
#include <string>
#include <string_view>

namespace telework {

// A fact of a record named by its key path ("employee.supervises_staff"),
// as the profile kinds read it: how it was given, where, and its value.
struct FactView {
    enum class Type { Block, Bool, Integer, Text, Date, Enum, List, Answers };

    Type type = Type::Block;
    Presence presence = Presence::Absent;
    Position pos;
    bool boolean = false;
    int integer = 0;   // an Integer's value, or an Enum's rank in its list of names
    std::string text;  // a Text's value, or an Enum's name
    Date date;
    std::size_t size = 0;                            // a List's items
    const std::vector<Answer>* answers = nullptr;    // an Answers group's questions
    std::span<const std::string_view> names;         // an Enum's names, in order

    bool present() const { return presence == Presence::Present; }
    bool missing() const { return presence == Presence::Absent || presence == Presence::Null; }
    bool invalid() const { return presence == Presence::Invalid; }
    // "Lacks" in the rule catalog: absent, null, an empty string or an empty list.
    bool lacks() const {
        return missing() || (present() && ((type == Type::Text && text.empty()) || (type == Type::List && size == 0)));
    }
    // The value as a profile writes it: true, 5, "home", 2026-03-01.
    std::string value_text() const;
};

using FactGetter = FactView (*)(const Agreement&);

struct FactPath {
    std::string_view path;
    FactGetter get;
    FactView::Type type() const { return get(Agreement{}).type; }
};

// Every key path of the format page a profile may name, in page order.
std::span<const FactPath> fact_paths();
const FactPath* find_fact(std::string_view path);

// "a boolean", "a date", "one of home, telework_center, other"
std::string describe_type(const FactPath& fact);

} // namespace telework
