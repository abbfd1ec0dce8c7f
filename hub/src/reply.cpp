#include "reply.h"
#include "onestop/base/error_codes.h"

namespace onestop::hub {

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Reply json_reply(int status, const json& body) {
    return Reply{status, dump(body)};
}

Reply error_reply(int status, const std::string& code, const std::string& message,
                  const json& extra) {
    json err = {{"code", code}, {"message", message}};
    for (auto it = extra.begin(); it != extra.end(); ++it) err[it.key()] = it.value();
    return json_reply(status, {{"error", err}});
}

Reply no_content() {
    return Reply{204, "", ""};
}

int status_for_engine_error(const std::string& code) {
    if (code == errc::window_unknown || code == errc::ticket_unknown) return 404;
    // Unknown or unusable values named in the body (a transfer's target, a service).
    if (code.find("unknown") != std::string::npos || code.rfind("invalid", 0) == 0 ||
        code == errc::window_not_serving)
        return 422;
    return 409;
}

Reply engine_error_reply(const Error& error) {
    return error_reply(status_for_engine_error(error.code), error.code, error.message);
}

Reply input_error_reply(const Error& error) {
    int status = error.code == errc::missing_field || error.code == errc::wrong_type ||
                         error.code == errc::malformed_json
                     ? 400
                     : 422;
    return error_reply(status, error.code, error.message);
}

Reply internal_error_reply() {
    return error_reply(500, errc::internal_error,
                       "the hub could not save this; nothing was changed, try again");
}

Reply file_reply(std::string bytes, const std::string& content_type, const std::string& name) {
    Reply r{200, std::move(bytes), content_type, {}};
    r.headers = {{"Content-Disposition", "attachment; filename=\"" + name + "\""},
                 {"Cache-Control", "no-store"}};
    return r;
}

}  // namespace onestop::hub
