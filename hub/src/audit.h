#pragma once
// The audit log's entries for the office's changes (who, what, before → after), written in
// the change's own transaction by the command that makes it.

#include <string>

#include "writer.h"

namespace onestop::hub {

// Appends `action` on `target` by `by` (Principal::audit_name()); a null `before` or
// `after` is stored as nothing there. False, with the batch marked failed, on a database
// error: the command then returns ctx.fail's answer.
bool audit(WriteContext& ctx, const std::string& by, const std::string& action,
           const std::string& target, const json& before, const json& after);

}  // namespace onestop::hub
