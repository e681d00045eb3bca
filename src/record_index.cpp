#include "telework/record_index.hpp"

#include "telework/parallel.hpp"

#include <algorithm>
#include <set>
#include <thread>
#include <utility>

namespace telework {

RecordIndex::RecordIndex(const std::vector<RecordFile>& files) {
    for (const auto& file : files) {
        if (file.keys) all_.push_back(&file);
    }
    index_keys();
}

RecordIndex::RecordIndex(const std::vector<const RecordFile*>& files) {
    for (const RecordFile* file : files) {
        if (file->keys) all_.push_back(file);
    }
    index_keys();
}

void RecordIndex::index_keys() {
    // The two sorts touch every record's strings; each runs on its own thread.
    if (all_.size() < min_items_for_a_thread) {
        by_employee_.build(all_, &RecordKeys::employee_id);
        by_id_.build(all_, &RecordKeys::id);
        return;
    }
    const std::jthread employees([this] { by_employee_.build(all_, &RecordKeys::employee_id); });
    by_id_.build(all_, &RecordKeys::id);
}

void RecordIndex::KeyOrder::build(const std::vector<const RecordFile*>& all, Field<std::string> RecordKeys::*key) {
    // Sorted with each key beside its record, so a comparison reads the two
    // keys and not the records they come from.
    std::vector<std::pair<std::string_view, const RecordFile*>> keyed;
    for (const RecordFile* file : all) {
        const auto& field = (*file->keys).*key;
        if (field.present()) keyed.emplace_back(field.value, file);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    keys.reserve(keyed.size());
    files.reserve(keyed.size());
    for (const auto& [k, file] : keyed) {
        keys.push_back(k);
        files.push_back(file);
    }
}

RecordIndex::Files RecordIndex::KeyOrder::find(std::string_view key) const {
    const auto [first, last] = std::equal_range(keys.begin(), keys.end(), key);
    return Files(files.data() + (first - keys.begin()), static_cast<std::size_t>(last - first));
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
