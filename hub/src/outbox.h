#pragma once
// Messages for the hall's gateway (an SMS or WeChat webhook, [notify] in the hall file): kept
// in the outbox in the same transaction as the change they tell of, delivered after the commit
// by the notifier (notifier.cpp), retried until the gateway answers 2xx.

#include <string>

#include "writer.h"

namespace onestop::hub {

// Queues `body` for the URL template with {number} and {id} filled in; nothing when the
// template is empty (the hall sends none). False (batch failed) on a database error.
bool queue_notification(WriteContext& ctx, const std::string& kind, const std::string& url_template,
                        const std::string& number, int64_t id, const json& body);

}  // namespace onestop::hub
