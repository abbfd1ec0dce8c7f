// The figures report's records: each ticket of a period with its waits and who served it.
#include "onestop/store/hub_store.h"
#include "store_util.h"

#include <algorithm>

namespace onestop::store {

Result<std::vector<FigureTicket>> HubStore::figure_tickets(const std::string& from,
                                                           const std::string& to) {
    // The wait runs from the issue to the first call (a recall or a transfer does not start
    // it again); the service from the last call to the finish. julianday() reads the stored
    // ISO 8601 times with their offsets. The tickets and their calls are read in two plain
    // scans and matched here: a subquery per ticket for its first call and last caller took
    // four times as long over a year of tickets (bench/RESULTS.md, the scorecards).
    ONESTOP_PREPARE(tickets,
                    "SELECT id, service_day, service, status, window, julianday(issued_at), "
                    "  CASE WHEN status = 'done' "
                    "    THEN (julianday(finished_at) - julianday(called_at)) * 86400 END "
                    "FROM tickets WHERE service_day BETWEEN ? AND ?");
    tickets.bind(1, from).bind(2, to);
    std::vector<int64_t> ids;    // each ticket's id, by its place in `out`
    std::vector<double> issued;  // and the julianday of its issue
    auto out = collect_rows(tickets, [&ids, &issued](const Statement& row) {
        FigureTicket t;
        ids.push_back(row.column_int(0));
        t.day = row.column_text(1);
        t.service = row.column_text(2);
        t.status = row.column_text(3);
        t.window = static_cast<int>(row.column_int(4));
        issued.push_back(row.column_double(5));
        if (!row.column_is_null(6)) t.service_s = row.column_double(6);
        return t;
    });
    if (!out || out->empty()) return out;
    std::vector<size_t> order(out->size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&ids](size_t a, size_t b) { return ids[a] < ids[b]; });

    ONESTOP_PREPARE(calls,
                    "SELECT ticket, kind, julianday(at), staff FROM calls "
                    "WHERE ticket BETWEEN ? AND ? ORDER BY ticket, id");
    calls.bind(1, ids[order.front()]).bind(2, ids[order.back()]);
    size_t next = 0;  // walks `order` alongside the calls, both by ticket id
    for (;;) {
        auto row = calls.step();
        if (!row) return row.error();
        if (!*row) break;
        int64_t ticket = calls.column_int(0);
        while (next < order.size() && ids[order[next]] < ticket) ++next;
        if (next == order.size()) break;
        size_t i = order[next];
        if (ids[i] != ticket) continue;  // a ticket of another day between the period's ids
        FigureTicket& t = (*out)[i];
        if (!t.wait_s && calls.column_text(1) == "call")
            t.wait_s = (calls.column_double(2) - issued[i]) * 86400;
        t.staff = calls.column_text(3);  // the last call's staff wins
    }
    calls.reset();
    std::vector<FigureTicket> sorted;
    sorted.reserve(out->size());
    for (size_t i : order) sorted.push_back(std::move((*out)[i]));
    return sorted;
}

}  // namespace onestop::store
