// The notifier: the outbox's messages (a completed case for the applicant, issue 13) go to
// the hall's webhook, an SMS or WeChat gateway. A message stays in the outbox until the
// gateway answers 2xx; a refused or failed try is tried again after a wait that doubles
// (1 s, 2 s, 4 s … at most kMaxWait), also across restarts (the outbox is on disk).
#include <algorithm>

#include "hub.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/hub_client.h"

namespace onestop::hub {

namespace {

constexpr std::chrono::milliseconds kFirstWait{1000};
constexpr std::chrono::milliseconds kMaxWait{5 * 60 * 1000};
// With nothing due the thread still looks now and then: a message queued by a request
// the wake-up missed (the hub stopping meanwhile) waits at most this long.
constexpr std::chrono::milliseconds kIdleLook{60 * 1000};

std::chrono::milliseconds wait_after(int attempts) {
    auto wait = kFirstWait;
    for (int i = 1; i < attempts && wait < kMaxWait; ++i) wait *= 2;
    return std::min(wait, kMaxWait);
}

}  // namespace

void Hub::wake_notifier() {
    {
        std::lock_guard lock(clock_mu_);
        notifier_woken_ = true;
    }
    clock_cv_.notify_all();
}

void Hub::deliver_notifications() {
    net::ClientOptions options;
    options.base_url = "";  // each message carries its whole URL
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.total_timeout = std::chrono::milliseconds(5000);
    net::HubClient client(options);
    auto log = logger("notify");
    for (;;) {
        Result<std::vector<store::OutboxMessage>> pending = std::vector<store::OutboxMessage>{};
        {
            std::lock_guard lock(reader_.mu);
            pending = reader_.store->undelivered_outbox(100);
        }
        if (!pending) log->error("reading the outbox failed: {}", pending.error().message);
        TimePoint now = clock_->now();
        TimePoint next = now + kIdleLook;
        for (const auto& m : pending ? *pending : std::vector<store::OutboxMessage>{}) {
            TimePoint due = parse_iso8601(m.next_at).value_or(now);
            if (due > now) {
                next = std::min(next, due);
                continue;
            }
            json body = json::parse(m.body, nullptr, false);
            auto answer = client.send(net::Method::Post, m.url, body);
            bool delivered = answer && answer->status >= 200 && answer->status < 300;
            std::string error = delivered ? ""
                                : answer  ? "HTTP " + std::to_string(answer->status)
                                          : answer.error().message;
            TimePoint tried = clock_->now();
            TimePoint again = tried + wait_after(m.attempts + 1);
            if (!delivered) {
                log->warn("{} for {} not delivered (try {}): {}", m.kind, m.url, m.attempts + 1,
                          error);
                next = std::min(next, again);
            }
            writer_->submit([id = m.id, delivered, error, tried, again](WriteContext& ctx) {
                if (auto st = ctx.store.record_outbox_try(id, delivered, error, tried, again); !st)
                    return ctx.fail(st.error());
                return json_reply(200, json::object());
            });
        }
        std::unique_lock lock(clock_mu_);
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - clock_->now());
        clock_cv_.wait_for(lock, std::max(wait, std::chrono::milliseconds(0)),
                           [this] { return stopping_ || notifier_woken_; });
        if (stopping_) return;
        notifier_woken_ = false;
    }
}

}  // namespace onestop::hub
