#pragma once
// Non-throwing field readers shared by the protocol's parsers (answers and events).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"
#include "onestop/net/protocol.h"

namespace onestop::net::detail {

Error bad(const std::string& what);

// Absent or null fields yield the fallback; a field of the wrong type records its name
// in `failed` so the parser can name it.
struct Reader {
    const Json& j;
    std::string failed;  // first bad field

    const Json* field(const char* name);
    void fail(const char* name);
    std::string str(const char* name, bool required = false);
    std::int64_t integer(const char* name, bool required = false);
    bool boolean(const char* name);
    Text text(const char* name);
    Text text_of(const Json& v, const char* name);
    std::vector<Text> texts(const char* name);
    std::vector<std::string> strings(const char* name);
};

}  // namespace onestop::net::detail
