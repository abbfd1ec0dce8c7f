#include "onestop/cases/case_rules.h"

#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"

namespace onestop::cases {

const char* to_string(Mode mode) {
    switch (mode) {
        case Mode::Instant:
            return "instant";
        case Mode::Deadline:
            return "deadline";
        case Mode::Supplement:
            return "supplement";
        case Mode::Return:
            return "return";
    }
    return "instant";
}

const char* to_string(Status status) {
    switch (status) {
        case Status::Completed:
            return "completed";
        case Status::Accepted:
            return "accepted";
        case Status::AwaitingSupplement:
            return "awaiting_supplement";
        case Status::Returned:
            return "returned";
    }
    return "completed";
}

std::optional<Mode> parse_mode(const std::string& text) {
    for (Mode m : {Mode::Instant, Mode::Deadline, Mode::Supplement, Mode::Return})
        if (text == to_string(m)) return m;
    return std::nullopt;
}

std::optional<Status> parse_status(const std::string& text) {
    for (Status s :
         {Status::Completed, Status::Accepted, Status::AwaitingSupplement, Status::Returned})
        if (text == to_string(s)) return s;
    return std::nullopt;
}

Status opening_status(Mode mode) {
    switch (mode) {
        case Mode::Instant:
            return Status::Completed;
        case Mode::Deadline:
            return Status::Accepted;
        case Mode::Supplement:
            return Status::AwaitingSupplement;
        case Mode::Return:
            return Status::Returned;
    }
    return Status::Completed;
}

bool is_open(Status status) {
    return status == Status::Accepted || status == Status::AwaitingSupplement;
}

int working_days_between(const queue::Settings& settings, const std::string& from,
                         const std::string& to) {
    auto first = parse_date(from), end = parse_date(to);
    if (!first || !end) return 0;
    queue::Calendar calendar(settings, TimeZone::utc());  // whole days only: no zone needed
    int n = 0;
    for (int day = *first; day < *end; ++day)
        if (calendar.is_working_day(day)) ++n;
    return n;
}

std::string promised_date(const queue::Settings& settings, const Clock& clock,
                          const std::string& today) {
    int held = clock.paused_days;
    if (clock.paused_since) {
        // A wait going on holds today too: the promise moves as long as nothing arrives.
        auto next = parse_date(today);
        held += working_days_between(settings, *clock.paused_since,
                                     next ? format_date(*next + 1) : today);
    }
    return queue::add_working_days(clock.accepted_day, clock.promised_days + held,
                                   settings.holidays, settings.workdays);
}

const char* to_string(Due due) {
    switch (due) {
        case Due::None:
            return "";
        case Due::Tomorrow:
            return "due_tomorrow";
        case Due::Today:
            return "due_today";
        case Due::Overdue:
            return "overdue";
    }
    return "";
}

Due due_state(const queue::Settings& settings, Status status, const std::string& promised,
              const std::string& today) {
    // A case waiting for materials has its clock stopped: its promise moves, it is never late.
    if (status != Status::Accepted) return Due::None;
    if (today > promised) return Due::Overdue;
    if (today == promised) return Due::Today;
    if (queue::add_working_days(today, 1, settings.holidays, settings.workdays) >= promised)
        return Due::Tomorrow;
    return Due::None;
}

std::string overdue_from(const std::string& promised) {
    auto day = parse_date(promised);
    return day ? format_date(*day + 1) : promised;
}

bool may_request_supplement(int requested, int allowed) {
    return requested < allowed;
}

}  // namespace onestop::cases
