#pragma once
// Working days and window hours in the hall's local time (its TimeZone, see
// onestop/base/time.h). Used by the engine for opening hours and by the hub for
// promised dates and follow-up deadlines.

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/base/time.h"
#include "onestop/queue/hall.h"

namespace onestop::queue {

// The hall's calendar: weekends and holidays are off, except make-up working days
// (调休上班, Settings::workdays), on which windows keep their Monday hours.
class Calendar {
  public:
    Calendar(const Settings& settings, TimeZone zone);

    // `day` is days since 1970-01-01 (onestop::parse_date).
    bool is_working_day(int day) const;
    bool is_holiday(int day) const;
    // The window's opening ranges on that local date (empty when it does not open).
    const std::vector<TimeRange>& hours_on(const Window& window, int day) const;
    // True iff `t` lies inside one of the window's ranges (start minute open, end minute closed).
    bool open_at(const Window& window, TimePoint t) const;
    // The first instant ≥ t at which the window is open; nullopt if not within `horizon_days`.
    std::optional<TimePoint> next_open(const Window& window, TimePoint t,
                                       int horizon_days = 400) const;

  private:
    std::unordered_set<int> holidays_;
    std::unordered_set<int> workdays_;
    TimeZone zone_;
};

// As add_working_days (engine.h), also counting make-up working days on weekends.
std::string add_working_days(const std::string& date, int days,
                             const std::vector<std::string>& holidays,
                             const std::vector<std::string>& workdays);

}  // namespace onestop::queue
