#include "onestop/base/text.h"

namespace onestop {

const std::string& pick(const Text& text, Lang lang) {
    const std::string& asked = lang == Lang::Zh ? text.zh : text.en;
    return !asked.empty() ? asked : lang == Lang::Zh ? text.en : text.zh;
}

}  // namespace onestop
