// Notices for the boards' ticker: the one showing now (public), and the office's list,
// notices with a start and an end time, and ending one early. The hub's clock (Hub::run)
// publishes notice.updated when a start or an end time passes.
#include <charconv>

#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "views.h"

namespace onestop::hub {

namespace {

// `key` as an ISO 8601 time with its offset, written the hub's way; empty when absent.
Result<std::string> optional_time(const json& body, const char* key) {
    if (!body.contains(key) || body[key].is_null()) return std::string();
    auto at = body[key].is_string() ? parse_iso8601(body[key].get<std::string>()) : std::nullopt;
    if (!at)
        return make_error(errc::invalid_field,
                          std::string(key) + " must be a time like 2026-12-01T08:00:00+08:00");
    return iso(*at);
}

}  // namespace

void Hub::install_notice_routes() {
    // A notice the office asks for: who (the audit's name), the body and its text; else the
    // 400/401/403/422 to send.
    struct NoticeAsked {
        std::string by;
        json body;
        store::Notice notice;
    };
    auto office_notice = [this](const Request& req,
                                const char* refusal) -> std::variant<NoticeAsked, Reply> {
        auto p = who_may(req, &Principal::office, refusal);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto text = net::parse_notice(*body);
        if (!text) return input_error_reply(text.error());
        return NoticeAsked{std::get<Principal>(p).audit_name(), std::move(*body),
                           store::Notice{text->zh, text->en}};
    };
    get("/api/v1/notice", [this](const Request&) {
        return with_state([](const HubState& s) {
            return json_reply(200, net::notice_json({s.notice.zh, s.notice.en}));
        });
    });

    put("/api/v1/notice", [this, office_notice](const Request& req) {
        auto asked = office_notice(req, "only the hall office sets the notice");
        if (auto* r = std::get_if<Reply>(&asked)) return *r;
        auto [by, body, notice] = std::get<NoticeAsked>(std::move(asked));
        return writer_->submit(
            [notice, by](WriteContext& ctx) { return set_notice(ctx, notice, by); });
    });

    get("/api/v1/notices", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit, "the notices are for the hall office");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        Result<std::vector<store::Notice>> rows = std::vector<store::Notice>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->notices(100);
        }
        if (!rows) return internal_error_reply();
        TimePoint now = clock_->now();
        json out = json::array();
        for (const auto& n : *rows) out.push_back(notice_json(n, now));
        return json_reply(200, {{"notices", out}});
    });

    post("/api/v1/notices", [this, office_notice](const Request& req) {
        auto asked = office_notice(req, "only the hall office posts notices");
        if (auto* r = std::get_if<Reply>(&asked)) return *r;
        auto [by, body, notice] = std::get<NoticeAsked>(std::move(asked));
        if (notice.zh.empty() || notice.en.empty())
            return error_reply(422, errc::invalid_field, "text needs both Chinese and English");
        auto starts = optional_time(body, "starts_at");
        if (!starts) return input_error_reply(starts.error());
        auto ends = optional_time(body, "ends_at");
        if (!ends) return input_error_reply(ends.error());
        TimePoint now = clock_->now();
        TimePoint from = starts->empty() ? now : std::max(now, *parse_iso8601(*starts));
        if (!ends->empty() && *parse_iso8601(*ends) <= from)
            return error_reply(422, errc::invalid_field,
                               "ends_at must be later than starts_at and than now");
        notice.starts_at = *starts;
        notice.ends_at = *ends;
        return writer_->submit(
            [notice, by](WriteContext& ctx) { return add_notice(ctx, notice, by); });
    });

    post(R"(/api/v1/notices/(\d+)/end)", [this](const Request& req) {
        auto p = who_may(req, &Principal::office, "only the hall office ends notices");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        int64_t id = 0;
        const std::string& text = req.matches[1];
        std::from_chars(text.data(), text.data() + text.size(), id);
        return writer_->submit([id, by = principal.audit_name()](WriteContext& ctx) {
            return end_notice(ctx, id, by);
        });
    });
}

}  // namespace onestop::hub
