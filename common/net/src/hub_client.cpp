#include "onestop/net/hub_client.h"
#include "onestop/base/error_codes.h"

#include <curl/curl.h>

#include <mutex>

#include "curl_global.h"
#include "json_reader.h"
#include "onestop/base/log.h"

namespace onestop::net {

namespace detail {
void ensure_curl_global() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}
}  // namespace detail

namespace {

// libcurl calls this from C: it must not throw, so allocation failures end the transfer.
size_t append_body(char* data, size_t size, size_t count, void* user) noexcept {
    try {
        static_cast<std::string*>(user)->append(data, size * count);
        return size * count;
    } catch (...) {
        return 0;
    }
}

const char* method_name(Method m) {
    switch (m) {
        case Method::Get:
            return "GET";
        case Method::Post:
            return "POST";
        case Method::Put:
            return "PUT";
        case Method::Delete:
            return "DELETE";
    }
    return "GET";
}

Json parse_or_null(const std::string& text) {
    if (text.empty()) return nullptr;
    Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? Json(nullptr) : j;
}

}  // namespace

Error transport_error(int curl_code, std::string_view detail) {
    std::string d(detail);
    switch (static_cast<CURLcode>(curl_code)) {
        case CURLE_OPERATION_TIMEDOUT:
            return make_error(errc::timeout,
                              "the hub did not answer in time" + (d.empty() ? "" : ": " + d));
        default:
            return make_error(errc::hub_unreachable,
                              "cannot reach the hub" + (d.empty() ? "" : ": " + d));
    }
}

struct HubClient::Impl {
    CURL* curl = nullptr;
    ~Impl() {
        if (curl) curl_easy_cleanup(curl);
    }
};

HubClient::HubClient(ClientOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
    detail::ensure_curl_global();
    impl_->curl = curl_easy_init();
    while (!options_.base_url.empty() && options_.base_url.back() == '/')
        options_.base_url.pop_back();
}

HubClient::~HubClient() = default;
HubClient::HubClient(HubClient&&) noexcept = default;
HubClient& HubClient::operator=(HubClient&&) noexcept = default;

Result<Response> HubClient::send(Method method, std::string_view path, const Json& body,
                                 const RequestOptions& extra) {
    CURL* c = impl_->curl;
    if (!c) return make_error(errc::hub_unreachable, "libcurl could not be initialised");
    curl_easy_reset(c);  // keeps the connection cache, clears the previous request's options

    const std::string url = options_.base_url + std::string(path);
    // replace: invalid UTF-8 in a string becomes U+FFFD instead of an exception.
    std::string payload =
        body.is_null() ? std::string() : body.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::string received;

    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    const std::string& token = extra.token ? *extra.token : options_.token;
    if (!token.empty())
        headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    if (!extra.idempotency_key.empty())
        headers = curl_slist_append(headers, ("Idempotency-Key: " + extra.idempotency_key).c_str());
    if (!body.is_null()) headers = curl_slist_append(headers, "Content-Type: application/json");

    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method_name(method));
    if (method == Method::Get) curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    if (!body.is_null() || method == Method::Post || method == Method::Put) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for time-outs
    curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
    // The hub is on the hall LAN; never route it through a proxy from the environment.
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
    char error_text[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        std::string detail = error_text[0] ? error_text : curl_easy_strerror(rc);
        logger("net")->debug("{} {} failed: {}", method_name(method), url, detail);
        return transport_error(rc, detail);
    }
    Response r;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    r.body = parse_or_null(received);
    return r;
}

Result<Response> HubClient::call(Method method, std::string_view path, const Json& body,
                                 const RequestOptions& extra) {
    auto r = send(method, path, body, extra);
    if (!r) return r;
    if (r->status < 400) return r;
    last_error_body_ = r->body;
    if (auto error = parse_api_error(r->body); error && !error->code.empty())
        return make_error(error->code, error->message);
    return make_error("http_" + std::to_string(r->status),
                      "the hub answered HTTP " + std::to_string(r->status));
}

Result<Health> HubClient::health() {
    auto r = call(Method::Get, "/api/v1/health");
    if (!r) return r.error();
    return parse_health(r->body);
}

Result<std::vector<ServiceInfo>> HubClient::services() {
    auto r = call(Method::Get, "/api/v1/services");
    if (!r) return r.error();
    return parse_services(r->body);
}

Result<QueueSnapshot> HubClient::queue() {
    auto r = call(Method::Get, "/api/v1/queue");
    if (!r) return r.error();
    return parse_queue(r->body);
}

namespace {
Result<Ticket> ticket_of(const Result<Response>& r) {
    if (!r) return r.error();
    if (!r->body.is_object() || !r->body.contains("ticket"))
        return make_error(errc::bad_response, "the hub's answer has no ticket");
    return parse_ticket(r->body["ticket"]);
}
}  // namespace

Result<Ticket> HubClient::issue_ticket(const IssueRequest& request) {
    return ticket_of(call(Method::Post, "/api/v1/tickets", to_json(request)));
}

Result<Ticket> HubClient::get_ticket(std::int64_t id, std::string_view code) {
    std::string path = "/api/v1/tickets/" + std::to_string(id);
    if (!code.empty()) path += "?code=" + escaped(code);
    return ticket_of(call(Method::Get, path));
}

Result<Ticket> HubClient::rejoin(std::int64_t id) {
    return ticket_of(
        call(Method::Post, "/api/v1/tickets/" + std::to_string(id) + "/rejoin", Json::object()));
}

Result<SessionInfo> HubClient::create_session(int window, std::string_view staff,
                                              std::string_view pin) {
    auto r = call(Method::Post, "/api/v1/sessions",
                  to_json(SignIn{window, std::string(staff), std::string(pin)}));
    if (!r) return r.error();
    return parse_session(r->body);
}

Status HubClient::end_session() {
    auto r = call(Method::Delete, "/api/v1/sessions/current");
    if (!r) return r.error();
    return {};
}

Result<bool> HubClient::last_in_hall() {
    auto r = call(Method::Get, "/api/v1/sessions/current");
    if (!r) return r.error();
    if (!r->body.is_object() || !r->body.contains("last_in_hall") ||
        !r->body["last_in_hall"].is_boolean())
        return make_error(errc::bad_response, "the hub's session answer has no last_in_hall");
    return r->body["last_in_hall"].get<bool>();
}

Status HubClient::record_closing(const ClosingRound& c) {
    Json body{{"doors_windows", c.doors_windows},
              {"lights", c.lights},
              {"air_conditioning", c.air_conditioning},
              {"other_power", c.other_power}};
    if (!c.note.empty()) body["note"] = c.note;
    auto r = call(Method::Post, "/api/v1/hall/closings", body);
    if (!r) return r.error();
    return {};
}

Result<WorklogDay> HubClient::worklog_today(std::string_view staff) {
    auto r = call(Method::Get, "/api/v1/worklog?staff=" + escaped(staff));
    if (!r) return r.error();
    return parse_worklog_day(r->body, staff);
}

Status HubClient::save_worklog_note(std::string_view staff, std::string_view date,
                                    std::string_view note) {
    auto r = call(Method::Put, "/api/v1/worklog/" + escaped(staff) + "/" + escaped(date) + "/note",
                  Json{{"note", note}});
    if (!r) return r.error();
    return {};
}

Result<Ticket> HubClient::ticket_action(int window, const char* action, const Json& body,
                                        std::string_view key) {
    RequestOptions extra;
    extra.idempotency_key = std::string(key);
    return ticket_of(call(Method::Post, "/api/v1/windows/" + std::to_string(window) + "/" + action,
                          body.is_null() ? Json::object() : body, extra));
}

Result<std::optional<Ticket>> HubClient::call_next(int window, std::string_view key) {
    RequestOptions extra;
    extra.idempotency_key = std::string(key);
    auto r = call(Method::Post, "/api/v1/windows/" + std::to_string(window) + "/call-next",
                  Json::object(), extra);
    if (!r) return r.error();
    if (r->status == 204) return std::optional<Ticket>{};
    auto t = ticket_of(r);
    if (!t) return t.error();
    return std::optional<Ticket>{std::move(*t)};
}

Result<Ticket> HubClient::recall(int window, std::string_view key) {
    return ticket_action(window, "recall", nullptr, key);
}
Result<Ticket> HubClient::no_show(int window, std::string_view key) {
    return ticket_action(window, "no-show", nullptr, key);
}
Result<Ticket> HubClient::finish(int window, std::string_view key) {
    return ticket_action(window, "finish", nullptr, key);
}
Result<Ticket> HubClient::transfer_to_service(int window, std::string_view service,
                                              std::string_view key) {
    return ticket_action(window, "transfer", to_json(Transfer{std::string(service), 0}), key);
}
Result<Ticket> HubClient::transfer_to_window(int window, int to_window, std::string_view key) {
    return ticket_action(window, "transfer", to_json(Transfer{{}, to_window}), key);
}

Status HubClient::pause(int window, std::optional<PauseReason> reason, std::string_view key) {
    RequestOptions extra;
    extra.idempotency_key = std::string(key);
    auto r = call(Method::Post, "/api/v1/windows/" + std::to_string(window) + "/pause",
                  to_json(Pause{reason.value_or(PauseReason::Other)}), extra);
    if (!r) return r.error();
    return {};
}

Status HubClient::resume(int window, std::string_view key) {
    RequestOptions extra;
    extra.idempotency_key = std::string(key);
    auto r = call(Method::Post, "/api/v1/windows/" + std::to_string(window) + "/resume",
                  Json::object(), extra);
    if (!r) return r.error();
    return {};
}

Result<WindowInfo> HubClient::window_info(int window) {
    auto r = call(Method::Get, "/api/v1/windows/" + std::to_string(window));
    if (!r) return r.error();
    return parse_window_info(r->body);
}

Status HubClient::submit_evaluation(const Evaluation& evaluation) {
    auto r = call(Method::Post, "/api/v1/evaluations", to_json(evaluation));
    if (!r) return r.error();
    return {};
}

Result<FiledComplaint> HubClient::submit_complaint(const ComplaintRequest& request) {
    auto r = call(Method::Post, "/api/v1/complaints", to_json(request));
    if (!r) return r.error();
    return parse_filed_complaint(r->body);
}

Result<std::vector<RatingReason>> HubClient::rating_reasons() {
    auto r = call(Method::Get, "/api/v1/rating-reasons");
    if (!r) return r.error();
    return parse_rating_reasons(r->body);
}

Result<Lease> HubClient::take_lease(std::string_view service, int count) {
    auto r =
        call(Method::Post, "/api/v1/leases", to_json(LeaseRequest{std::string(service), count}));
    if (!r) return r.error();
    return parse_lease(r->body);
}

Result<HeldLeases> HubClient::held_leases() {
    auto r = call(Method::Get, "/api/v1/leases");
    if (!r) return r.error();
    return parse_held_leases(r->body);
}

Status HubClient::send_alert(std::string_view kind, std::string_view message) {
    auto r = call(Method::Post, "/api/v1/alerts",
                  to_json(Alert{std::string(kind), std::string(message)}));
    if (!r) return r.error();
    return {};
}

Result<Text> HubClient::notice() {
    auto r = call(Method::Get, "/api/v1/notice");
    if (!r) return r.error();
    auto text = parse_notice(r->body);
    if (!text) return detail::bad(text.error().message);
    return text;
}

Status HubClient::set_notice(const Text& text) {
    auto r = call(Method::Put, "/api/v1/notice", notice_json(text));
    if (!r) return r.error();
    return {};
}

std::string HubClient::escaped(std::string_view text) {
    char* e = curl_easy_escape(impl_->curl, text.data(), static_cast<int>(text.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

Result<CaseInfo> HubClient::open_case(int window, std::string_view mode,
                                      const std::vector<std::string>& missing,
                                      std::string_view reason) {
    Json body{{"mode", mode}};
    if (!missing.empty()) body["missing"] = missing;
    if (!reason.empty()) body["reason"] = reason;
    auto r = call(Method::Post, "/api/v1/windows/" + std::to_string(window) + "/cases", body);
    if (!r) return r.error();
    return parse_case_answer(r->body);
}

Result<std::vector<CaseInfo>> HubClient::cases(const CaseQuery& q) {
    std::string query;
    auto add = [&](const char* name, std::string_view value) {
        if (value.empty()) return;
        query += (query.empty() ? "?" : "&") + std::string(name) + "=" + escaped(value);
    };
    add("unit", q.unit);
    add("status", q.status);
    add("due", q.due ? "1" : "");
    add("number", q.number);
    auto r = call(Method::Get, "/api/v1/cases" + query);
    if (!r) return r.error();
    return parse_cases(r->body);
}

Result<CaseInfo> HubClient::case_action(std::int64_t id, std::string_view action,
                                        const Json& body) {
    auto r = call(Method::Post, "/api/v1/cases/" + std::to_string(id) + "/" + std::string(action),
                  body.is_null() ? Json::object() : body);
    if (!r) return r.error();
    return parse_case_answer(r->body);
}

Result<std::vector<RatingReason>> HubClient::return_reasons() {
    auto r = call(Method::Get, "/api/v1/return-reasons");
    if (!r) return r.error();
    return parse_rating_reasons(r->body);
}

Result<std::vector<Handover>> HubClient::handovers(std::string_view status) {
    auto r = call(Method::Get,
                  "/api/v1/handovers" + (status.empty() ? "" : "?status=" + escaped(status)));
    if (!r) return r.error();
    return parse_handovers(r->body);
}

Result<Handover> HubClient::confirm_handover(std::int64_t id, std::string_view staff,
                                             std::string_view pin) {
    auto r = call(Method::Post, "/api/v1/handovers/" + std::to_string(id) + "/confirm",
                  Json{{"staff", staff}, {"pin", pin}});
    if (!r) return r.error();
    if (!r->body.is_object() || !r->body.contains("handover"))
        return make_error(errc::bad_response, "the hub's answer has no hand-over");
    return parse_handover(r->body["handover"]);
}

Result<std::vector<LeaveRequest>> HubClient::leave_requests(std::string_view status) {
    auto r =
        call(Method::Get, "/api/v1/leave" + (status.empty() ? "" : "?status=" + escaped(status)));
    if (!r) return r.error();
    return parse_leave_list(r->body);
}

Status HubClient::confirm_leave(std::int64_t id, std::string_view staff, std::string_view pin) {
    auto r = call(Method::Post, "/api/v1/leave/" + std::to_string(id) + "/confirm",
                  Json{{"staff", staff}, {"pin", pin}});
    if (!r) return r.error();
    return {};
}

}  // namespace onestop::net
