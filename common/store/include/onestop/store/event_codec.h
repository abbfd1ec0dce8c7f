#pragma once
// The queue engine's events as JSON for the store's append-only log:
// a type name ("ticket_issued", …) and an object with every field. Decoding what
// encode() wrote gives back an equal event, so replay rebuilds the same state.

#include <string>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"
#include "onestop/queue/events.h"

namespace onestop::store {

struct EncodedEvent {
    std::string type;       // "ticket_issued", "window_paused", …
    nlohmann::json fields;  // times as milliseconds since the epoch (exact)
};

EncodedEvent encode_event(const queue::Event& event);
// Fails with event_unknown / event_malformed for what encode_event cannot have written.
Result<queue::Event> decode_event(const std::string& type, const nlohmann::json& fields);

}  // namespace onestop::store
