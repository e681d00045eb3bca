#pragma once

// Two fixed records, one of each spec profile, that the configuration and
// profile harnesses judge under what they read.
#include <string_view>

namespace telework::fuzz {

constexpr std::string_view ct_record = R"(format: 1
id: DRS-TW-2026-0012
status: approved
type: routine
policy: ct-gl32
agency: Department of Revenue Services
unit: Audit Division
employee: {id: E186354, name: Patrick J. Sullivan, position: Revenue Examiner 3, supervises_staff: false,
  working_test_period: false, training_class: false, last_discipline: 2026-06-01, performance_rating: satisfactory}
supervisor: {id: E179645, name: Karen J. Whitcomb}
manager: {id: E161077, name: Patricia L. Ferreira}
location: {kind: home, address: "233 Farmington Avenue, Plainville, CT 06062"}
schedule: {workweek_days: 5, telework_days: [tue, thu], partial_days: [fri], hours: {start: "08:00", end: "16:30"}}
term: {start: 2026-01-05, end: 2026-11-04}
signatures:
  employee: {name: Patrick J. Sullivan, date: 2025-12-08}
  supervisor: {name: Karen J. Whitcomb, date: 2025-12-08}
  manager: {name: Patricia L. Ferreira, date: 2025-12-09}
  hr: {name: Denise M. Kowalczyk, date: 2025-12-11}
  agency_head: {name: Gregory A. Sutherland, date: 2025-12-12}
das_copy_sent: 2025-12-16
)";

constexpr std::string_view opm_record = R"(format: 1
id: TW-2026-0142
status: approved
type: routine
policy: opm
agency: Bureau of the Fiscal Service
employee: {id: E1, name: Ana Lima, position: Accountant}
supervisor: {name: Robert Smith}
manager: {name: Alice Brown}
schedule: {workweek_days: 5, telework_days: [mon, wed, fri]}
training: {telework: 2025-03-01, it_security: 2025-10-01}
signatures:
  employee: {name: Ana Lima, date: 2025-11-02}
  supervisor: {name: Robert Smith, date: 2025-11-03}
)";

} // namespace telework::fuzz
