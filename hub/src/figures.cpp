#include "figures.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "onestop/base/log.h"

namespace onestop::hub {

namespace {

constexpr FiguresBy kAll[] = {FiguresBy::Day, FiguresBy::Unit, FiguresBy::Service,
                              FiguresBy::Window, FiguresBy::Staff};

struct Sums {
    FigureRow row;
    int64_t waits = 0;
    double wait_s = 0;
    double max_wait_s = 0;
    int64_t services = 0;
    double service_s = 0;
};

// Windows by number, the rest as text (dates sort as text).
struct KeyOrder {
    bool numeric;
    bool operator()(const std::string& a, const std::string& b) const {
        if (numeric && a.size() != b.size()) return a.size() < b.size();
        return a < b;
    }
};

}  // namespace

double minutes(double seconds) {
    return static_cast<double>(std::lround(seconds / 6.0)) / 10.0;  // to 0.1 min
}

std::optional<FiguresBy> parse_figures_by(const std::string& text) {
    for (FiguresBy by : kAll)
        if (text == to_string(by)) return by;
    return std::nullopt;
}

const char* to_string(FiguresBy by) {
    switch (by) {
        case FiguresBy::Day:
            return "day";
        case FiguresBy::Unit:
            return "unit";
        case FiguresBy::Service:
            return "service";
        case FiguresBy::Window:
            return "window";
        case FiguresBy::Staff:
            return "staff";
    }
    return "day";
}

std::string ticket_unit(const store::FigureTicket& ticket, const queue::Hall& hall) {
    if (const queue::Window* w = hall.find_window(ticket.window)) return w->unit;
    const queue::Service* s = hall.find_service(ticket.service);
    return s ? s->unit : std::string();
}

std::vector<FigureRow> figures(const std::vector<store::FigureTicket>& tickets, FiguresBy by,
                               const queue::Hall& hall,
                               const std::function<bool(const std::string& unit)>& counts,
                               const std::map<std::string, std::string>& staff_names) {
    std::map<std::string, Sums, KeyOrder> groups(KeyOrder{by == FiguresBy::Window});
    for (const auto& t : tickets) {
        std::string key, unit = ticket_unit(t, hall);
        switch (by) {
            case FiguresBy::Day:
                key = t.day;
                break;
            case FiguresBy::Unit:
                key = unit;
                break;
            case FiguresBy::Service:
                key = t.service;
                break;
            case FiguresBy::Window:
                if (t.window != 0) key = std::to_string(t.window);
                break;
            case FiguresBy::Staff:
                key = t.staff;
                break;
        }
        if (key.empty() || !counts(unit)) continue;
        Sums& g = groups[key];
        ++g.row.tickets;
        if (t.status == "done") ++g.row.served;
        if (t.status == "no_show") ++g.row.no_show;
        if (t.wait_s) {
            ++g.waits;
            g.wait_s += *t.wait_s;
            g.max_wait_s = std::max(g.max_wait_s, *t.wait_s);
        }
        if (t.service_s) {
            ++g.services;
            g.service_s += *t.service_s;
        }
    }
    std::vector<FigureRow> out;
    for (auto& [key, g] : groups) {
        FigureRow row = g.row;
        row.key = key;
        if (by == FiguresBy::Unit) {
            if (const auto* u = hall.find_unit(key)) row.label = u->name;
        } else if (by == FiguresBy::Service) {
            if (const auto* s = hall.find_service(key)) row.label = s->name;
        } else if (by == FiguresBy::Window) {
            if (const auto* w = hall.find_window(std::stoi(key))) row.label = w->name;
        } else if (by == FiguresBy::Staff) {
            if (auto it = staff_names.find(key); it != staff_names.end())
                row.label = Text{it->second, it->second};
        }
        if (g.waits) {
            row.average_wait_min = minutes(g.wait_s / static_cast<double>(g.waits));
            row.max_wait_min = minutes(g.max_wait_s);
        }
        if (g.services)
            row.average_service_min = minutes(g.service_s / static_cast<double>(g.services));
        out.push_back(std::move(row));
    }
    return out;
}

json figures_json(const std::vector<FigureRow>& rows) {
    auto value = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    json out = json::array();
    for (const auto& r : rows) {
        json row = {{"key", r.key},
                    {"tickets", r.tickets},
                    {"served", r.served},
                    {"no_show", r.no_show},
                    {"average_wait_min", value(r.average_wait_min)},
                    {"max_wait_min", value(r.max_wait_min)},
                    {"average_service_min", value(r.average_service_min)}};
        if (r.label) row["label"] = {{"zh", r.label->zh}, {"en", r.label->en}};
        out.push_back(std::move(row));
    }
    return out;
}

report::Table figures_table(const std::vector<FigureRow>& rows, FiguresBy by) {
    static const std::map<FiguresBy, report::Column> kKey = {
        {FiguresBy::Day, {"日期", "Day"}},
        {FiguresBy::Unit, {"单位", "Unit"}},
        {FiguresBy::Service, {"事项", "Service"}},
        {FiguresBy::Window, {"窗口", "Window"}},
        {FiguresBy::Staff, {"工号", "Staff"}}};
    report::Table table;
    table.title = std::string("figures by ") + to_string(by);
    table.columns = {kKey.at(by),
                     {"名称", "Name"},
                     {"取号数", "Tickets"},
                     {"已办结", "Served"},
                     {"过号", "No-shows"},
                     {"平均等候(分钟)", "Average wait (min)"},
                     {"最长等候(分钟)", "Longest wait (min)"},
                     {"平均办理(分钟)", "Average service (min)"}};
    auto cell = [](const std::optional<double>& v) {
        return v ? report::Cell(*v) : report::Cell();
    };
    for (const auto& r : rows) {
        report::Cell name;
        if (r.label)
            name = r.label->zh == r.label->en ? r.label->zh : r.label->zh + " " + r.label->en;
        report::Cell key =
            by == FiguresBy::Window ? report::Cell(int64_t{std::stoi(r.key)}) : report::Cell(r.key);
        table.rows.push_back({key, name, r.tickets, r.served, r.no_show, cell(r.average_wait_min),
                              cell(r.max_wait_min), cell(r.average_service_min)});
    }
    return table;
}

Reply report_reply(const std::string& format, const report::Table& table, const std::string& file,
                   const json& json_body) {
    if (format == "csv")
        return file_reply(report::to_csv(table), "text/csv; charset=utf-8", file + ".csv");
    if (format == "xlsx") {
        auto xlsx = report::to_xlsx(table);
        if (!xlsx) {
            logger("hub")->error("writing the {} workbook: {}", table.title, xlsx.error().message);
            return internal_error_reply();
        }
        return file_reply(std::move(*xlsx),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          file + ".xlsx");
    }
    return json_reply(200, json_body);
}

}  // namespace onestop::hub
