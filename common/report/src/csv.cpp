#include <cstdio>

#include "onestop/report/table.h"

namespace onestop::report {

std::string heading(const Column& column) {
    return column.en.empty() ? column.zh : column.zh + " / " + column.en;
}

namespace {

std::string quoted(const std::string& text) {
    bool formula = !text.empty() && std::string_view("=+-@").find(text[0]) != std::string::npos;
    std::string out = formula ? "'" + text : text;
    if (out.find_first_of(",\"\r\n") == std::string::npos) return out;
    std::string q = "\"";
    for (char c : out) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + '"';
}

std::string cell_text(const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) return quoted(*text);
    if (const auto* count = std::get_if<int64_t>(&cell)) return std::to_string(*count);
    if (const auto* measure = std::get_if<double>(&cell)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", *measure);
        return buf;
    }
    return "";
}

}  // namespace

std::string to_csv(const Table& table) {
    std::string out = "\xEF\xBB\xBF";
    auto line = [&out](const std::vector<std::string>& fields) {
        for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
        out += "\r\n";
    };
    std::vector<std::string> fields;
    for (const auto& c : table.columns) fields.push_back(quoted(heading(c)));
    line(fields);
    for (const auto& row : table.rows) {
        fields.clear();
        for (const auto& cell : row) fields.push_back(cell_text(cell));
        line(fields);
    }
    return out;
}

}  // namespace onestop::report
