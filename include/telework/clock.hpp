#pragma once

#include "telework/date.hpp"

namespace telework {

// Where "today" comes from, so that anything dated can be tested with a fixed day.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Date today() const = 0;
};

class SystemClock final : public Clock {
public:
    Date today() const override;
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(Date day) : day_(day) {}
    Date today() const override { return day_; }

private:
    Date day_;
};

} // namespace telework
