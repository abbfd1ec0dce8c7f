// What the hub reads at start-up instead of the whole log, and what it reads back about
// earlier days it no longer holds in memory (schema 4 adds the indexes these need).
#include <charconv>

#include "onestop/base/time.h"
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

namespace {

std::optional<queue::TicketStatus> parse_status(const std::string& text) {
    using queue::TicketStatus;
    for (auto s : {TicketStatus::Waiting, TicketStatus::Called, TicketStatus::Done,
                   TicketStatus::NoShow, TicketStatus::Cancelled})
        if (text == queue::to_string(s)) return s;
    return std::nullopt;
}

std::optional<TimePoint> time_or_null(const Statement& st, int col) {
    if (st.column_is_null(col)) return std::nullopt;
    return parse_iso8601(st.column_text(col));
}

}  // namespace

Result<int64_t> HubStore::first_event_at(TimePoint at) {
    // Entries are stamped in the hall's zone, so the text orders like the time (an entry
    // within an hour of a daylight-saving change may sort by its wall clock). MIN(+id):
    // MIN(id) would walk the whole log by rowid instead of today's part of events_at.
    ONESTOP_PREPARE(st,
                    "SELECT COALESCE(MIN(+id), (SELECT COALESCE(MAX(id), 0) + 1 FROM events)) "
                    "FROM events WHERE at >= ?");
    st.bind(1, format_iso8601(at));
    return single_int(st);
}

Result<std::vector<LogEntry>> HubStore::window_events_before(int64_t before_id) {
    ONESTOP_PREPARE(st,
                    "SELECT id, type, payload, name, data FROM events "
                    "WHERE type IN ('window_paused', 'window_resumed') AND id < ? ORDER BY id");
    st.bind(1, before_id);
    return collect_rows(st, read_entry);
}

Result<std::optional<TimePoint>> HubStore::oldest_open_ticket() {
    ONESTOP_PREPARE(st,
                    "SELECT issued_at FROM tickets WHERE status IN ('waiting', 'called') "
                    "ORDER BY id LIMIT 1");
    auto row = st.step();
    if (!row) return row.error();
    std::optional<TimePoint> out;
    if (*row) out = parse_iso8601(st.column_text(0));
    st.reset();
    return out;
}

Result<int64_t> HubStore::max_ticket_id() {
    ONESTOP_PREPARE(st, "SELECT COALESCE(MAX(id), 0) FROM tickets");
    return single_int(st);
}

Result<int64_t> HubStore::count_calls() {
    ONESTOP_PREPARE(st, "SELECT COUNT(*) FROM calls");
    return single_int(st);
}

Result<std::vector<queue::PastCall>> HubStore::calls_before(TimePoint before, int limit) {
    ONESTOP_PREPARE(st,
                    "SELECT t.number, c.window, c.at, c.kind, t.priority FROM calls c "
                    "JOIN tickets t ON t.id = c.ticket WHERE c.at < ? ORDER BY c.id DESC LIMIT ?");
    st.bind(1, format_iso8601(before)).bind(2, limit);
    return collect_rows(st, [](const Statement& s) {
        queue::PastCall call;
        call.call = {s.column_text(0), static_cast<int>(s.column_int(1)),
                     parse_iso8601(s.column_text(2)).value_or(TimePoint{})};
        call.recall = s.column_text(3) == "recall";
        call.priority = s.column_int(4) != 0;
        return call;
    });
}

Result<std::optional<StoredTicket>> HubStore::stored_ticket(int64_t id) {
    ONESTOP_PREPARE(st,
                    "SELECT t.id, number, service, service_day, status, priority, device, "
                    "COALESCE(request_id, ''), code, issued_at, called_at, finished_at, t.window, "
                    "printed, e.ticket IS NOT NULL FROM tickets t "
                    "LEFT JOIN evaluations e ON e.ticket = t.id WHERE t.id = ?");
    st.bind(1, id);
    auto row = st.step();
    if (!row) return row.error();
    std::optional<StoredTicket> out;
    if (*row) {
        StoredTicket s;
        queue::Ticket& t = s.ticket;
        t.id = st.column_int(0);
        t.number = st.column_text(1);
        t.service = st.column_text(2);
        t.service_day = st.column_text(3);
        t.status = parse_status(st.column_text(4)).value_or(queue::TicketStatus::Done);
        t.priority = st.column_int(5) ? queue::Priority::Green : queue::Priority::Normal;
        s.record = {t.id, st.column_text(8), st.column_int(6), st.column_text(7)};
        t.issued_at = parse_iso8601(st.column_text(9)).value_or(TimePoint{});
        t.called_at = time_or_null(st, 10);
        t.finished_at = time_or_null(st, 11);
        t.window = static_cast<int>(st.column_int(12));
        t.printed = st.column_text(13);
        s.evaluated = st.column_int(14) != 0;
        out = std::move(s);
    }
    st.reset();
    return out;
}

Result<std::optional<int64_t>> HubStore::ticket_by_request(int64_t device,
                                                           const std::string& request_id) {
    ONESTOP_PREPARE(st, "SELECT id FROM tickets WHERE device = ? AND request_id = ?");
    st.bind(1, device).bind(2, request_id);
    auto row = st.step();
    if (!row) return row.error();
    std::optional<int64_t> out;
    if (*row) out = st.column_int(0);
    st.reset();
    return out;
}

Result<queue::DayNumbers> HubStore::day_numbers(const std::string& service,
                                                const std::string& service_day) {
    queue::DayNumbers out{service, service_day, {}, {}};
    {
        ONESTOP_PREPARE(st,
                        "SELECT first, count FROM leases WHERE service = ? AND service_day = ? "
                        "ORDER BY id");
        st.bind(1, service).bind(2, service_day);
        auto leases = collect_rows(st, [](const Statement& s) {
            return std::pair{static_cast<int>(s.column_int(0)), static_cast<int>(s.column_int(1))};
        });
        if (!leases) return leases.error();
        out.leases = std::move(*leases);
    }
    // A number is the issuing service's code and its sequence (numbering.h), whatever
    // service a transfer moved the ticket to since.
    ONESTOP_PREPARE(st, "SELECT number, id FROM tickets WHERE service_day = ? AND number GLOB ?");
    st.bind(1, service_day).bind(2, service + "[0-9]*");
    auto issued = collect_rows(st, [](const Statement& s) {
        return std::pair{s.column_text(0), s.column_int(1)};
    });
    if (!issued) return issued.error();
    out.issued = std::move(*issued);
    return out;
}

}  // namespace onestop::store
