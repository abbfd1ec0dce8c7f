#pragma once
// A service's guide (办事指南, 第二十条) as the hall office edits it: its name, who may
// apply, steps, materials, handling mode and promised working days, in both languages.
// Each change is kept as a version (store::ServiceVersion) holding the whole guide
// before and after, as the JSON here; the newest version wins over the hall file.

#include <string>

#include "onestop/base/result.h"
#include "onestop/queue/hall.h"
#include "reply.h"

namespace onestop::hub {

// {"name","who_may_apply","steps","materials","mode","promised_days"}.
json guide_json(const queue::Service& service);

// Applies the guide keys present in `fields` (an edit, or a stored version's whole guide)
// to `service`. Error invalid_field naming the key: a key that is not a guide's, a text
// without both languages, empty or over its length, a control character, an unknown
// mode, promised days out of 1–60, or a deadline item without them.
Status apply_guide(queue::Service& service, const json& fields);

// What differs between two guides: [{"field","before","after"}] in the guide's key order.
json guide_changes(const json& before, const json& after);

}  // namespace onestop::hub
