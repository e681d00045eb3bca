#include "telework/record_index.hpp"

#include <set>

namespace telework {

RecordIndex::RecordIndex(const std::vector<RecordFile>& files) {
    for (const auto& file : files) add(file);
}

RecordIndex::RecordIndex(const std::vector<const RecordFile*>& files) {
    for (const RecordFile* file : files) add(*file);
}

void RecordIndex::add(const RecordFile& file) {
    if (!file.keys) return;
    all_.push_back(&file);
    if (file.keys->id.present()) by_id_[file.keys->id.value].push_back(&file);
    if (file.keys->employee_id.present()) by_employee_[file.keys->employee_id.value].push_back(&file);
}

const std::vector<const RecordFile*>& RecordIndex::of_employee(std::string_view employee_id) const {
    static const std::vector<const RecordFile*> none;
    const auto found = by_employee_.find(employee_id);
    return found == by_employee_.end() ? none : found->second;
}

const std::vector<const RecordFile*>& RecordIndex::with_id(std::string_view id) const {
    static const std::vector<const RecordFile*> none;
    const auto found = by_id_.find(id);
    return found == by_id_.end() ? none : found->second;
}

namespace {

bool same_employee(const RecordKeys& a, const RecordKeys& b) {
    return a.employee_id.present() && b.employee_id.present() && a.employee_id.value == b.employee_id.value;
}

} // namespace

std::vector<const RecordFile*> current_agreements(const RecordIndex& index) {
    std::set<const RecordFile*> superseded;
    for (const RecordFile* newer : index.all()) {
        const RecordKeys& a = *newer->keys;
        if (!a.has_status(Status::Approved) || !a.supersedes.present()) continue;
        for (const RecordFile* older : index.with_id(a.supersedes.value)) {
            if (older != newer && older->keys->has_status(Status::Approved) && same_employee(a, *older->keys)) {
                superseded.insert(older);
            }
        }
    }
    std::vector<const RecordFile*> current;
    for (const RecordFile* file : index.all()) {
        if (file->keys->has_status(Status::Approved) && !superseded.contains(file)) current.push_back(file);
    }
    return current;
}

} // namespace telework
