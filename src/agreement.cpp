#include "telework/agreement.hpp"

namespace telework {

const std::vector<std::string_view> position_questions = {"independent_work", "minimal_face_to_face",
                                                          "measurable_output", "portable_materials"};
const std::vector<std::string_view> must_be_yes_questions = {
    "increases_productivity",   "group_productivity_maintained", "environment_or_traffic_benefit",
    "full_range_of_duties",     "can_monitor_performance",       "oversight_offset_by_gains",
    "confidential_data_safeguarded", "equipment_available",      "suitable_workspace",
    "reliable_phone_and_internet"};
const std::vector<std::string_view> must_be_no_questions = {"impairs_group_productivity",
                                                            "combined_schedules_impair_service",
                                                            "used_for_dependent_care", "used_in_lieu_of_leave"};

const Field<Signature>& Signatures::of(Role role) const {
    switch (role) {
    case Role::Employee: return employee;
    case Role::Supervisor: return supervisor;
    case Role::Manager: return manager;
    case Role::Hr: return hr;
    case Role::AgencyHead: return agency_head;
    }
    return employee;
}

const Field<Signature>* Signatures::other(std::string_view role) const {
    // An Invalid list still holds its well-formed entries (a bad one is reported).
    for (const auto& entry : others.value) {
        if (entry.role.present() && entry.role.value == role) return &entry.signature;
    }
    return nullptr;
}

} // namespace telework
