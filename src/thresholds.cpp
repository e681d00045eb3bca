#include "telework/thresholds.hpp"

namespace telework {

const std::vector<ThresholdKey>& threshold_keys() {
    static const std::vector<ThresholdKey> keys = {
        {"max_term_months", true},       {"max_telework_share", false},          {"das_copy_days", true},
        {"renewal_months", true},        {"discipline_lookback_months", true}, {"renewal_window_days", true},
    };
    return keys;
}

} // namespace telework
