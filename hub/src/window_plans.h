#pragma once
// The windows as the hall office plans them (第七–十条): a window is added, changed or
// closed from a date on; the hall of a day is the stored hall with every plan that has
// taken effect by then, the newest last. Plans are kept as the whole window in the hall
// file's terms (JSON), so the file's rules check them.

#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/queue/hall.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

// `base` with the plans taking effect on or before `day` (YYYY-MM-DD). Error
// service_unserved (422) when a service would have no window that day.
Result<queue::Hall> planned_hall(queue::Hall base, const std::vector<store::WindowPlan>& plans,
                                 const std::string& day);

// "08:30-11:30".
std::string range_text(const queue::TimeRange& range);

// A window as a plan holds it and GET /api/v1/office/windows shows it: {"number","name",
// "unit","services","kind","hours":{"mon":["08:30-11:30",…],…},"periods","accepts_other_units"}.
json window_plan_json(const queue::Window& window);

}  // namespace onestop::hub
