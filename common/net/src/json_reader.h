#pragma once
// Non-throwing field readers shared by every parser of the protocol: the hub's answers and
// events read by the devices, and the devices' requests read by the hub.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"
#include "onestop/net/protocol.h"

namespace onestop::net::detail {

// A hub answer not as the protocol says: the device cannot use it.
Error bad(const std::string& what);

inline constexpr std::size_t kUnlimited = std::numeric_limits<std::size_t>::max();

// Absent or null fields yield the fallback. The first field that fails is kept twice:
// its name in `failed` (an answer's parser names it in its bad_response) and, in
// `error`, the refusal a request with it gets (CONTRACT: missing_field and wrong_type
// are 400, invalid_field 422). Nested objects are read with a Reader whose `path` is the
// outer name, so a refusal names "leased.sequence", not just "sequence".
struct Reader {
    explicit Reader(const Json& object, std::string path = {});

    const Json& j;
    std::string path;
    std::string failed;  // first bad field
    Error error;         // why, as a request refusal

    bool ok() const { return failed.empty(); }
    const Json* field(const char* name);
    void fail(const char* name);  // of another type than the protocol's
    void missing(const char* name);
    void wrong_type(const char* name, const char* type);
    void invalid(const char* name, const std::string& why);

    std::string str(const char* name, bool required = false, std::size_t max_len = kUnlimited);
    std::int64_t integer(const char* name, bool required = false);
    bool boolean(const char* name);
    Text text(const char* name);
    Text text_of(const Json& v, const char* name);
    std::vector<Text> texts(const char* name);
    std::vector<std::string> strings(const char* name, std::size_t max_items = kUnlimited);
    // Takes over the failure of a Reader of one of this object's members.
    void adopt(const Reader& inner);

  private:
    void record(const char* name, const char* code, const std::string& what);
};

}  // namespace onestop::net::detail
