#pragma once
// JSON views of the hub's state for answers and events (CONTRACT.md shapes): the state is
// turned into the protocol's structs (onestop/net/protocol.h, events.h), which write the
// JSON the clients parse with the same module.
// Never carries applicant data: tickets are numbers, services and windows only.
// Callers hold the state mutex (shared is enough).

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hub_state.h"
#include "onestop/net/events.h"
#include "onestop/net/protocol.h"

namespace onestop::hub {

using nlohmann::json;

std::string iso(TimePoint t);

// Ticket T; `code` only for the kiosk that issued it, and with it `url`, the ticket's page
// for phones (<public_url>/t/<id>?c=<code>), when the hub knows its public address.
json ticket_json(const HubState& state, const queue::Ticket& ticket, bool with_code,
                 const std::string& public_url = "");
// A deadline/joint item's promised date ("YYYY-MM-DD") once the ticket is done.
std::optional<std::string> promised_date(const HubState& state, const queue::Ticket& ticket);

// How many tickets window `number` would call (its services, plus those sent to it).
int window_waiting(const HubState& state, int number);
// CONTRACT's /queue window entry; `detailed` adds "waiting" and "pause_reason".
json window_json(const HubState& state, const queue::Window& window, bool detailed);
json queue_json(const HubState& state, TimePoint now);
json services_json(const HubState& state);
json service_json(const HubState& state, const queue::Service& service);

// The event stream's event for an engine event; none for those not published (a lease).
std::optional<net::Event> stream_event(const HubState& state, const queue::Event& event);

}  // namespace onestop::hub
