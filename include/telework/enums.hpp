#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace telework {

// The enumerations of the record format, each with its spellings in one table.
template <class E>
struct EnumNames;

template <class... Names>
constexpr std::array<std::string_view, sizeof...(Names)> enum_names(Names... names) {
    return {std::string_view(names)...};
}

#define TELEWORK_ENUM_NAMES(E, ...)                                       \
    template <>                                                           \
    struct EnumNames<E> {                                                 \
        static constexpr auto names = enum_names(__VA_ARGS__);                \
    }

enum class Status { Proposed, Approved, Denied, Terminated };
TELEWORK_ENUM_NAMES(Status, "proposed", "approved", "denied", "terminated");

enum class AgreementType { Routine, Situational, Medical, Emergency };
TELEWORK_ENUM_NAMES(AgreementType, "routine", "situational", "medical", "emergency");

enum class PerformanceRating { Unsatisfactory, MinimallySatisfactory, Satisfactory, Exceeds, Outstanding };
TELEWORK_ENUM_NAMES(PerformanceRating, "unsatisfactory", "minimally_satisfactory",
                    "satisfactory", "exceeds", "outstanding");

enum class LocationKind { Home, TeleworkCenter, Other };
TELEWORK_ENUM_NAMES(LocationKind, "home", "telework_center", "other");

enum class Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun };
TELEWORK_ENUM_NAMES(Weekday, "mon", "tue", "wed", "thu", "fri", "sat", "sun");

enum class Provider { Agency, Employee, TeleworkCenter };
TELEWORK_ENUM_NAMES(Provider, "agency", "employee", "telework_center");

enum class ComputerBasis { None, NoComputerNeeded, WebmailOnly, SecureWebApp, ItAuthorized };
TELEWORK_ENUM_NAMES(ComputerBasis, "none", "no_computer_needed", "webmail_only",
                    "secure_web_app", "it_authorized");

enum class ReasonCategory { BusinessNeed, Performance, Conduct, Security, JobChange, EmployeeRequest, Other };
TELEWORK_ENUM_NAMES(ReasonCategory, "business_need", "performance", "conduct", "security",
                    "job_change", "employee_request", "other");

// What the record's request asked for (request.kind; format additions).
enum class RequestKind { New, Renewal, Modification };
TELEWORK_ENUM_NAMES(RequestKind, "new", "renewal", "modification");

// The five signatories of GL32 V, in the order of the format page.
enum class Role { Employee, Supervisor, Manager, Hr, AgencyHead };
TELEWORK_ENUM_NAMES(Role, "employee", "supervisor", "manager", "hr", "agency_head");

#undef TELEWORK_ENUM_NAMES


template <class E>
constexpr std::string_view to_string(E value) {
    return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <class E>
constexpr std::optional<E> parse_enum(std::string_view text) {
    const auto& names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) return static_cast<E>(i);
    }
    return std::nullopt;
}

} // namespace telework
