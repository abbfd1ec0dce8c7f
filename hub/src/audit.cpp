#include "audit.h"

#include "onestop/base/time.h"

namespace onestop::hub {

bool audit(WriteContext& ctx, const std::string& by, const std::string& action,
           const std::string& target, const json& before, const json& after) {
    auto text = [](const json& j) { return j.is_null() ? std::string() : dump(j); };
    store::AuditEntry entry{
        0, format_iso8601(ctx.clock.now()), by, action, target, text(before), text(after)};
    if (auto id = ctx.store.append_audit(entry); !id) {
        ctx.fail(id.error());
        return false;
    }
    return true;
}

}  // namespace onestop::hub
