// TW008 modified-unsigned: what counts as a change to an agreement's terms.

#include "telework/changes.hpp"

#include <algorithm>
#include <functional>
#include <tuple>
#include <utility>

namespace telework {

namespace {

// Collects the keys whose decoded values differ. A value that failed to
// decode on either side is skipped: TW002 already reports it, and comparing
// a half-decoded value would report a change nobody made.
class TermComparison {
public:
    template <class T, class Equal = std::equal_to<>>
    void field(std::string key, const Field<T>& before, const Field<T>& after, Equal equal = {}) {
        if (before.invalid() || after.invalid()) return;
        if (before.presence != after.presence || (after.present() && !equal(before.value, after.value))) {
            differences_.push_back({std::move(key), after.pos});
        }
    }

    // A mapping: its parts when both versions have it, else whether it is there.
    template <class B, class Parts>
    void block(std::string key, const Field<B>& before, const Field<B>& after, Parts compare_parts) {
        if (before.invalid() || after.invalid()) return;
        if (before.present() && after.present()) {
            compare_parts(before.value, after.value);
        } else if (before.presence != after.presence) {
            differences_.push_back({std::move(key), after.pos});
        }
    }

    std::vector<TermDifference> take() {
        std::stable_sort(differences_.begin(), differences_.end(),
                         [](const TermDifference& a, const TermDifference& b) { return a.pos < b.pos; });
        return std::move(differences_);
    }

private:
    std::vector<TermDifference> differences_;
};

// Lists whose order carries no meaning (days of the week, duties, the
// equipment inventory) compare as multisets.
template <class T, class Key>
bool same_items(const std::vector<T>& a, const std::vector<T>& b, Key key) {
    if (a.size() != b.size()) return false;
    using K = decltype(key(a.front()));
    std::vector<K> ka;
    std::vector<K> kb;
    for (const auto& item : a) ka.push_back(key(item));
    for (const auto& item : b) kb.push_back(key(item));
    std::sort(ka.begin(), ka.end());
    std::sort(kb.begin(), kb.end());
    return ka == kb;
}

template <class T>
bool same_items(const std::vector<T>& a, const std::vector<T>& b) {
    return same_items(a, b, [](const T& item) { return item; });
}

template <class T>
std::pair<Presence, T> key_of(const Field<T>& f) {
    return {f.presence, f.present() ? f.value : T{}};
}

auto equipment_key(const EquipmentItem& e) {
    return std::tuple(key_of(e.item), key_of(e.provided_by), key_of(e.asset_tag));
}

bool same_time(const TimeOfDay& a, const TimeOfDay& b) { return a.minutes == b.minutes; }

bool same_week(const ScheduleWeek& a, const ScheduleWeek& b) {
    const auto days = [](const Field<std::vector<Weekday>>& f) {
        return std::pair(f.presence, f.present() ? [&] { auto d = f.value; std::sort(d.begin(), d.end()); return d; }()
                                                  : std::vector<Weekday>{});
    };
    return key_of(a.workweek_days) == key_of(b.workweek_days) && days(a.telework_days) == days(b.telework_days) &&
           days(a.partial_days) == days(b.partial_days);
}

// The format page's defaults: absent `schedule.field_work` is false.
Field<bool> field_work_or_default(const Field<bool>& f) {
    if (!f.absent()) return f;
    Field<bool> given = f;
    given.presence = Presence::Present;
    given.value = false;
    return given;
}

// Absent `computer` means no personal computer; a basis that is missing says
// the same as `none` (CT208 treats them alike).
Field<Computer> computer_or_default(const Field<Computer>& f) {
    if (f.invalid() || f.is_null()) return f;
    Field<Computer> given = f;
    given.presence = Presence::Present;
    Computer& c = given.value;
    if (c.personal_computer.absent()) {
        c.personal_computer.presence = Presence::Present;
        c.personal_computer.value = false;
        c.personal_computer.pos = f.pos;
    }
    if (c.basis.missing()) {
        c.basis.presence = Presence::Present;
        c.basis.value = ComputerBasis::None;
        c.basis.pos = f.absent() ? f.pos : c.basis.pos;
    }
    return given;
}

} // namespace

std::vector<TermDifference> term_differences(const Agreement& before, const Agreement& after) {
    TermComparison compare;
    compare.field("type", before.type, after.type);
    compare.block("location", before.location, after.location, [&](const Location& b, const Location& a) {
        compare.field("location.kind", b.kind, a.kind);
        compare.field("location.address", b.address, a.address);
        compare.field("location.phone", b.phone, a.phone);
    });
    compare.block("schedule", before.schedule, after.schedule, [&](const Schedule& b, const Schedule& a) {
        const auto days = [](const std::vector<Weekday>& x, const std::vector<Weekday>& y) { return same_items(x, y); };
        compare.field("schedule.workweek_days", b.workweek_days, a.workweek_days);
        compare.field("schedule.telework_days", b.telework_days, a.telework_days, days);
        compare.field("schedule.partial_days", b.partial_days, a.partial_days, days);
        compare.field("schedule.field_work", field_work_or_default(b.field_work), field_work_or_default(a.field_work));
        compare.block("schedule.hours", b.hours, a.hours, [&](const WorkHours& hb, const WorkHours& ha) {
            compare.field("schedule.hours.start", hb.start, ha.start, same_time);
            compare.field("schedule.hours.end", hb.end, ha.end, same_time);
        });
        compare.field("schedule.alternate_schedule", b.alternate_schedule, a.alternate_schedule);
        // A biweekly pattern is a schedule too: its weeks compare in order.
        compare.field("schedule.pay_period", b.pay_period, a.pay_period,
                      [&](const std::vector<ScheduleWeek>& wb, const std::vector<ScheduleWeek>& wa) {
                          return wb.size() == wa.size() && std::equal(wb.begin(), wb.end(), wa.begin(), same_week);
                      });
    });
    compare.block("term", before.term, after.term, [&](const Term& b, const Term& a) {
        compare.field("term.start", b.start, a.start);
        compare.field("term.end", b.end, a.end);
    });
    compare.field("duties", before.duties, after.duties,
                  [](const std::vector<std::string>& b, const std::vector<std::string>& a) { return same_items(b, a); });
    compare.field("equipment", before.equipment, after.equipment,
                  [](const std::vector<EquipmentItem>& b, const std::vector<EquipmentItem>& a) {
                      return same_items(b, a, equipment_key);
                  });
    compare.block("computer", computer_or_default(before.computer), computer_or_default(after.computer),
                  [&](const Computer& b, const Computer& a) {
                      compare.field("computer.personal_computer", b.personal_computer, a.personal_computer);
                      compare.field("computer.basis", b.basis, a.basis);
                  });
    return compare.take();
}

bool signature_dates_changed(const Agreement& before, const Agreement& after) {
    const auto& b = before.signatures;
    const auto& a = after.signatures;
    if (b.presence != a.presence) return true;
    if (!a.present()) return false;
    for (const Role role : {Role::Employee, Role::Supervisor, Role::Manager, Role::Hr, Role::AgencyHead}) {
        const auto& sb = b.value.of(role);
        const auto& sa = a.value.of(role);
        if (sb.presence != sa.presence) return true;
        if (!sa.present()) continue;
        const auto& db = sb.value.date;
        const auto& da = sa.value.date;
        if (db.presence != da.presence || (da.present() && db.value != da.value)) return true;
    }
    return false;
}

} // namespace telework
