#include "onestop/report/read.h"

namespace onestop::report {

Rows read_csv(const std::string& input) {
    std::string_view text = input;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    Rows rows;
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (size_t pos = 0; pos < text.size();) {
        char c = text[pos++];
        if (quoted) {
            if (c == '"' && pos < text.size() && text[pos] == '"') {
                field += '"';
                ++pos;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            fields.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(fields));
            fields.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !fields.empty()) {
        fields.push_back(std::move(field));
        rows.push_back(std::move(fields));
    }
    return rows;
}

Result<Rows> read_rows(const std::string& bytes) {
    if (bytes.rfind("PK\x03\x04", 0) == 0) return read_xlsx(bytes);
    return read_csv(bytes);
}

}  // namespace onestop::report
