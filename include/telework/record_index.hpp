#pragma once

#include "telework/record.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// All records of a run by `id`, for the rules that look across records
// (TW004, TW005) and for finding each employee's current agreement.
class RecordIndex {
public:
    using Files = std::span<const RecordFile* const>;

    explicit RecordIndex(const std::vector<RecordFile>& files);
    // Only these records (for commands that leave out broken ones).
    explicit RecordIndex(const std::vector<const RecordFile*>& files);

    // Every decoded record with this id, in path order.
    Files with_id(std::string_view id) const { return by_id_.find(id); }
    // Every decoded record of this employee.id, in path order.
    Files of_employee(std::string_view employee_id) const { return by_employee_.find(employee_id); }
    const std::vector<const RecordFile*>& all() const { return all_; }

private:
    // The records that have one key, sorted by it (path order among equal
    // keys), with the keys beside them: two flat arrays instead of a map
    // node and a vector per key, which cost a warm run over 100,000 records
    // more to build and free than the rules that use them.
    struct KeyOrder {
        std::vector<std::string_view> keys;
        std::vector<const RecordFile*> files;
        void build(const std::vector<const RecordFile*>& all, Field<std::string> RecordKeys::*key);
        Files find(std::string_view key) const;
    };

    void index_keys();
    std::vector<const RecordFile*> all_;
    KeyOrder by_id_;
    KeyOrder by_employee_;
};

// Current agreements (format page): approved records not named in the
// `supersedes` of another approved record of the same employee.
std::vector<const RecordFile*> current_agreements(const RecordIndex& index);

} // namespace telework
