#include "json_reader.h"

namespace onestop::net::detail {

Error bad(const std::string& what) {
    return make_error("bad_response", "the hub's answer is not as expected: " + what);
}

const Json* Reader::field(const char* name) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

void Reader::fail(const char* name) {
    if (failed.empty()) failed = name;
}

std::string Reader::str(const char* name, bool required) {
    const Json* f = field(name);
    if (!f) {
        if (required) fail(name);
        return {};
    }
    if (!f->is_string()) {
        fail(name);
        return {};
    }
    return f->get<std::string>();
}

std::int64_t Reader::integer(const char* name, bool required) {
    const Json* f = field(name);
    if (!f) {
        if (required) fail(name);
        return 0;
    }
    if (!f->is_number_integer()) {
        fail(name);
        return 0;
    }
    return f->get<std::int64_t>();
}

bool Reader::boolean(const char* name) {
    const Json* f = field(name);
    if (!f) return false;
    if (!f->is_boolean()) {
        fail(name);
        return false;
    }
    return f->get<bool>();
}

Text Reader::text(const char* name) {
    const Json* f = field(name);
    if (!f) return {};
    return text_of(*f, name);
}

Text Reader::text_of(const Json& v, const char* name) {
    if (v.is_string()) return {v.get<std::string>(), v.get<std::string>()};
    if (v.is_object()) {
        Reader r{v, {}};
        Text t{r.str("zh"), r.str("en")};
        if (!r.failed.empty()) fail(name);
        return t;
    }
    fail(name);
    return {};
}

std::vector<Text> Reader::texts(const char* name) {
    std::vector<Text> out;
    const Json* f = field(name);
    if (!f) return out;
    if (!f->is_array()) {
        fail(name);
        return out;
    }
    for (const auto& v : *f) out.push_back(text_of(v, name));
    return out;
}

std::vector<std::string> Reader::strings(const char* name) {
    std::vector<std::string> out;
    const Json* f = field(name);
    if (!f) return out;
    if (!f->is_array()) {
        fail(name);
        return out;
    }
    for (const auto& v : *f) {
        if (v.is_string())
            out.push_back(v.get<std::string>());
        else
            fail(name);
    }
    return out;
}

}  // namespace onestop::net::detail
