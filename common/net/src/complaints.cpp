#include "onestop/net/complaints.h"

#include "json_reader.h"

namespace onestop::net {

using detail::bad;
using detail::Reader;

Json to_json(const ComplaintRequest& request) {
    Json about = Json::object();
    if (request.about.kind == ComplaintAbout::Kind::Window)
        about["window"] = request.about.window;
    else if (request.about.kind == ComplaintAbout::Kind::Service)
        about["service"] = request.about.service;
    Json j = {{"channel", request.channel}, {"about", about}, {"text", request.text}};
    if (!request.contact.empty()) j["contact"] = request.contact;
    return j;
}

Result<FiledComplaint> parse_filed_complaint(const Json& body) {
    if (!body.is_object() || !body.contains("complaint"))
        return bad("the hub's answer has no complaint");
    Reader r{body["complaint"]};
    FiledComplaint c;
    c.id = r.integer("id", true);
    c.number = r.str("number", true);
    c.code = r.str("code");
    c.unit = r.str("unit");
    c.due_date = r.str("due_date");
    c.status = r.str("status");
    c.url = r.str("url");
    if (!r.ok()) return bad("complaint field '" + r.failed + "'");
    return c;
}

std::string complaint_page_url(const FiledComplaint& c, const std::string& hub_url) {
    if (!c.url.empty()) return c.url;
    if (c.code.empty()) return {};
    std::string base = hub_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/complaint/" + std::to_string(c.id) + "?c=" + c.code;
}

}  // namespace onestop::net
