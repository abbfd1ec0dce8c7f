#pragma once
#include <string>

namespace onestop {

// A random RFC 4122 version-4 UUID, for idempotent request_ids.
std::string new_uuid();
// `bytes` random bytes as lowercase hex (ticket codes, session ids).
std::string random_hex(int bytes);

}  // namespace onestop
