#include "onestop/queue/numbering.h"

#include <cstdio>

namespace onestop::queue {

std::string format_number(const std::string& service, int sequence) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%03d", service.c_str(), sequence);
    return buf;
}

}  // namespace onestop::queue
