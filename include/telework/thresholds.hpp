#pragma once

#include <string_view>
#include <vector>

namespace telework {

// The numbers a profile judges by; `telework.toml` [thresholds] overrides them.
struct Thresholds {
    int max_term_months = 9;
    double max_telework_share = 0.5;
    int das_copy_days = 7;
    int renewal_months = 12;
    int discipline_lookback_months = 6;
    int renewal_window_days = 30;
};

struct ThresholdKey {
    std::string_view name;
    bool integral;
};

// Every threshold name accepted in `telework.toml`, in documentation order.
const std::vector<ThresholdKey>& threshold_keys();

} // namespace telework
