#include <charconv>

#include "backends.h"

namespace onestop::printer {

namespace {

std::optional<uint16_t> parse_hex16(std::string_view s) {
    unsigned v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty() || v > 0xFFFF)
        return std::nullopt;
    return static_cast<uint16_t>(v);
}

Error bad(std::string_view spec) {
    return make_error(
        errc::kBadDevice,
        "device '" + std::string(spec) + "' is not usb, usb:VID:PID, file:PATH or tcp:HOST:PORT");
}

}  // namespace

bool is_retryable(const Error& e) {
    return e.code == errc::kUnplugged || e.code == errc::kTimeout || e.code == errc::kBusy ||
           e.code == errc::kNotFound;
}

Result<std::unique_ptr<Transport>> open_device(std::string_view spec) {
    if (spec == "usb") return open_usb(std::nullopt);
    if (spec.starts_with("usb:")) {
        auto rest = spec.substr(4);
        auto colon = rest.find(':');
        if (colon == std::string_view::npos) return bad(spec);
        auto vid = parse_hex16(rest.substr(0, colon));
        auto pid = parse_hex16(rest.substr(colon + 1));
        if (!vid || !pid) return bad(spec);
        return open_usb(UsbId{*vid, *pid});
    }
    if (spec.starts_with("file:")) {
        if (spec.size() == 5) return bad(spec);
        return open_lp_file(std::string(spec.substr(5)));
    }
    if (spec.starts_with("tcp:")) {
        auto rest = spec.substr(4);
        std::string host;
        int port = 9100;  // the raw-printing port of network printers
        // "tcp:HOST", "tcp:HOST:PORT", "tcp:[v6addr]:PORT"
        auto colon = rest.rfind(':');
        bool bracketed = rest.starts_with("[");
        if (colon != std::string_view::npos && (!bracketed || rest[colon - 1] == ']')) {
            auto port_text = rest.substr(colon + 1);
            auto [end, ec] =
                std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
            if (ec != std::errc() || end != port_text.data() + port_text.size() || port <= 0 ||
                port > 65535) {
                return bad(spec);
            }
            host = std::string(rest.substr(0, colon));
        } else {
            host = std::string(rest);
        }
        if (bracketed && host.size() >= 2) host = host.substr(1, host.size() - 2);
        if (host.empty()) return bad(spec);
        return open_tcp(host, port, Millis(3000));
    }
    return bad(spec);
}

}  // namespace onestop::printer
