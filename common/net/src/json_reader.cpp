#include "json_reader.h"

#include "onestop/base/error_codes.h"

namespace onestop::net::detail {

Error bad(const std::string& what) {
    return make_error(errc::bad_response, "the hub's answer is not as expected: " + what);
}

Reader::Reader(const Json& object, std::string path) : j(object), path(std::move(path)) {}

const Json* Reader::field(const char* name) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

void Reader::record(const char* name, const char* code, const std::string& what) {
    if (!failed.empty()) return;
    failed = path.empty() ? std::string(name) : path + "." + name;
    error = make_error(code, "field '" + failed + "' " + what);
}

void Reader::fail(const char* name) {
    record(name, errc::wrong_type, "has the wrong type");
}

void Reader::missing(const char* name) {
    record(name, errc::missing_field, "is required");
}

void Reader::wrong_type(const char* name, const char* type) {
    record(name, errc::wrong_type, std::string("must be ") + type);
}

void Reader::invalid(const char* name, const std::string& why) {
    record(name, errc::invalid_field, why);
}

void Reader::adopt(const Reader& inner) {
    if (failed.empty() && !inner.failed.empty()) {
        failed = inner.failed;
        error = inner.error;
    }
}

std::string Reader::str(const char* name, bool required, std::size_t max_len) {
    const Json* f = field(name);
    if (!f) {
        if (required) missing(name);
        return {};
    }
    if (!f->is_string()) {
        wrong_type(name, "a string");
        return {};
    }
    auto s = f->get<std::string>();
    if (s.size() > max_len) {
        invalid(name, "is longer than " + std::to_string(max_len) + " bytes");
        return {};
    }
    return s;
}

std::int64_t Reader::integer(const char* name, bool required) {
    const Json* f = field(name);
    if (!f) {
        if (required) missing(name);
        return 0;
    }
    if (!f->is_number_integer()) {
        wrong_type(name, "an integer");
        return 0;
    }
    return f->get<std::int64_t>();
}

bool Reader::boolean(const char* name) {
    const Json* f = field(name);
    if (!f) return false;
    if (!f->is_boolean()) {
        wrong_type(name, "true or false");
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
        Reader r{v};
        Text t{r.str("zh"), r.str("en")};
        if (!r.ok()) fail(name);
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

std::vector<std::string> Reader::strings(const char* name, std::size_t max_items) {
    std::vector<std::string> out;
    const Json* f = field(name);
    if (!f) return out;
    if (!f->is_array()) {
        wrong_type(name, "a list of strings");
        return out;
    }
    if (f->size() > max_items) {
        invalid(name, "has more than " + std::to_string(max_items) + " items");
        return out;
    }
    for (const auto& v : *f) {
        if (!v.is_string()) {
            wrong_type(name, "a list of strings");
            return {};
        }
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace onestop::net::detail
