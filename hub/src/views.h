#pragma once
// JSON views of the hub's state for answers and events (CONTRACT.md shapes).
// Never carries applicant data: tickets are numbers, services and windows only.
// Callers hold the state mutex (shared is enough).

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hub_state.h"

namespace onestop::hub {

using nlohmann::json;

json text_json(const queue::Text& text);
std::string iso(TimePoint t);
json iso_or_null(const std::optional<TimePoint>& t);

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

// The event stream's name and data for an engine event (name empty: not published).
std::string event_stream_name(const queue::Event& event);
json event_data(const HubState& state, const queue::Event& event);

}  // namespace onestop::hub
