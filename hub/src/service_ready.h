#pragma once
// Tells systemd the hub is ready (a Type=notify unit): "READY=1" as one datagram to the
// socket in $NOTIFY_SOCKET — the protocol sd_notify(3) speaks, written here so the hub
// needs no libsystemd. Does nothing outside systemd (no $NOTIFY_SOCKET).

namespace onestop::hub {

void notify_service_manager(const char* state);  // "READY=1", "STOPPING=1"

}  // namespace onestop::hub
