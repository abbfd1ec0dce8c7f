#pragma once
// Complaints (投诉) as a device files them: POST /api/v1/complaints and the part of the
// hub's answer a device shows (CONTRACT "Office accounts and the office API v1"; the
// whole record K in docs/api.md "Complaints"). The hub reads the body itself
// (hub/src/routes_complaints.cpp).

#include <cstdint>
#include <string>

#include "onestop/base/result.h"
#include "onestop/net/protocol.h"

namespace onestop::net {

// What a complaint is about: a window by number, a service by code, or the hall itself.
struct ComplaintAbout {
    enum class Kind { Hall, Window, Service } kind = Kind::Hall;
    int window = 0;
    std::string service;
    bool operator==(const ComplaintAbout&) const = default;
};

struct ComplaintRequest {
    std::string channel;  // kiosk web phone box
    ComplaintAbout about;
    std::string text;     // 1–2000 bytes
    std::string contact;  // optional: a phone number, ≤ 100 bytes
    bool operator==(const ComplaintRequest&) const = default;
};

// The answer's {"complaint":K}, as far as the complainant needs it to follow the complaint.
struct FiledComplaint {
    std::int64_t id = 0;
    std::string number;  // TS-YYYYMMDD-NNNN
    std::string code;    // the complainant's key to their page
    std::string unit;    // "" = the hall office
    std::string due_date;
    std::string status;
    std::string url;  // the complainant's page, when the hub has --public-url
    bool operator==(const FiledComplaint&) const = default;
};

Json to_json(const ComplaintRequest& request);
Result<FiledComplaint> parse_filed_complaint(const Json& body);  // {"complaint":K}

// The complainant's page for phones: the hub's url when it has --public-url, else built on
// `hub_url` (the address the device reaches the hub at) from the id and code.
std::string complaint_page_url(const FiledComplaint& c, const std::string& hub_url);

}  // namespace onestop::net
