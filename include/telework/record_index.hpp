#pragma once

#include "telework/record.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace telework {

// All records of a run by `id`, for the rules that look across records
// (TW004, TW005) and for finding each employee's current agreement.
class RecordIndex {
public:
    explicit RecordIndex(const std::vector<RecordFile>& files);
    // Only these records (for commands that leave out broken ones).
    explicit RecordIndex(const std::vector<const RecordFile*>& files);

    // Every decoded record with this id, in path order.
    const std::vector<const RecordFile*>& with_id(std::string_view id) const;
    // Every decoded record of this employee.id, in path order.
    const std::vector<const RecordFile*>& of_employee(std::string_view employee_id) const;
    const std::vector<const RecordFile*>& all() const { return all_; }

private:
    void add(const RecordFile& file);
    std::vector<const RecordFile*> all_;
    std::map<std::string, std::vector<const RecordFile*>, std::less<>> by_id_;
    std::map<std::string, std::vector<const RecordFile*>, std::less<>> by_employee_;
};

// Current agreements (format page): approved records not named in the
// `supersedes` of another approved record of the same employee.
std::vector<const RecordFile*> current_agreements(const RecordIndex& index);

} // namespace telework
