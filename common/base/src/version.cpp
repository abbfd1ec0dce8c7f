#include "onestop/base/version.h"
namespace onestop {
const char* version() {
    return ONESTOP_VERSION;
}
}  // namespace onestop
