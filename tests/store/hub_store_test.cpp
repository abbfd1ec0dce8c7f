#include <doctest/doctest.h>

#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "onestop/store/event_codec.h"
#include "onestop/store/hub_store.h"
#include "onestop/store/secrets.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::store;

namespace {

queue::Hall test_hall() {
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
    auto hall = config::load_hall(ONESTOP_TEST_HALL);
    REQUIRE_MESSAGE(hall.ok(), (hall.ok() ? "" : hall.error().message));
    return *hall;
}

TimePoint t(const char* iso) {
    return *parse_iso8601(iso);
}

// Writes an outcome's events to the log in one transaction, as the hub does.
void log_outcome(HubStore& store, const queue::Outcome& outcome) {
    REQUIRE(store.db().begin().ok());
    for (const auto& e : outcome.events) {
        auto enc = encode_event(e);
        REQUIRE(store
                    .append_event(enc.type, enc.fields.dump(), std::nullopt, std::nullopt,
                                  queue::event_time(e))
                    .ok());
    }
    REQUIRE(store.db().commit().ok());
}

void replay(HubStore& store, queue::Engine& engine) {
    auto st = store.for_each_event(0, [&](const LogEntry& entry) {
        auto e = decode_event(entry.type, nlohmann::json::parse(entry.payload));
        REQUIRE(e.ok());
        engine.apply(*e);
        return true;
    });
    REQUIRE(st.ok());
}

}  // namespace

TEST_CASE("the event log keeps order and ids; only named entries are published") {
    test::TempDir dir;
    auto store = HubStore::open(dir / "log.db");
    REQUIRE(store.ok());
    auto& s = **store;
    TimePoint now = t("2026-11-27T09:00:00+08:00");
    auto a = s.append_event("ticket_called", "{\"id\":1}", std::string("ticket.called"),
                            std::string("{}"), now);
    auto b = s.append_event("numbers_leased", "{}", std::nullopt, std::nullopt, now);
    auto c = s.append_event("hub.notice_updated", "{}", std::string("notice.updated"),
                            std::string("{\"x\":1}"), now);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(*a < *b);
    CHECK(*b < *c);
    auto published = s.published_after(0, 100);
    REQUIRE(published.ok());
    REQUIRE(published->size() == 2);
    CHECK((*published)[0].id == *a);
    CHECK((*published)[1].name == std::optional<std::string>("notice.updated"));
    CHECK((*published)[1].data == std::optional<std::string>("{\"x\":1}"));
    auto after_a = s.published_after(*a, 100);
    REQUIRE(after_a.ok());
    REQUIRE(after_a->size() == 1);
    CHECK((*after_a)[0].id == *c);
    std::vector<std::string> types;
    REQUIRE(s.for_each_event(0, [&](const LogEntry& e) {
                 types.push_back(e.type);
                 return true;
             }).ok());
    CHECK(types ==
          std::vector<std::string>{"ticket_called", "numbers_leased", "hub.notice_updated"});
    auto last = s.last_event_id();
    REQUIRE(last.ok());
    CHECK(*last == *c);
}

TEST_CASE("the engine rebuilt from the log continues numbering without reuse") {
    test::TempDir dir;
    queue::Hall hall = test_hall();
    ManualClock clock(t("2026-11-27T09:00:00+08:00"));
    {
        auto store = HubStore::open(dir / "replay.db");
        REQUIRE(store.ok());
        queue::Engine engine(hall, clock, *TimeZone::named("Asia/Shanghai"));
        for (int i = 0; i < 3; ++i) {
            auto o = engine.issue("A", queue::Priority::Normal);
            REQUIRE(o.ok());
            log_outcome(**store, *o);
        }
        auto called = engine.call_next(1);
        REQUIRE(called.ok());
        log_outcome(**store, *called);
        auto paused = engine.pause(2, "break");
        REQUIRE(paused.ok());
        log_outcome(**store, *paused);
    }
    auto store = HubStore::open(dir / "replay.db");
    REQUIRE(store.ok());
    queue::Engine engine(hall, clock, *TimeZone::named("Asia/Shanghai"));
    replay(**store, engine);
    REQUIRE(engine.ticket(1) != nullptr);
    CHECK(engine.ticket(1)->status == queue::TicketStatus::Called);
    CHECK(engine.ticket(1)->window == 1);
    CHECK(engine.waiting_count("A") == 2);
    CHECK(engine.window_state(2).paused);
    auto next = engine.issue("A", queue::Priority::Normal);
    REQUIRE(next.ok());
    CHECK(next->ticket->number == "A004");
    CHECK(next->ticket->id == 4);

    // The next service day starts again at 001.
    clock.set(t("2026-11-28T09:00:00+08:00"));
    auto tomorrow = engine.issue("A", queue::Priority::Normal);
    REQUIRE(tomorrow.ok());
    CHECK(tomorrow->ticket->number == "A001");
    CHECK(tomorrow->ticket->id == 5);
}

TEST_CASE("ticket rows: codes, unique request ids per device, status updates") {
    test::TempDir dir;
    queue::Hall hall = test_hall();
    ManualClock clock(t("2026-11-27T09:00:00+08:00"));
    auto store = HubStore::open(dir / "tickets.db");
    REQUIRE(store.ok());
    auto& s = **store;
    queue::Engine engine(hall, clock, *TimeZone::named("Asia/Shanghai"));
    auto o = engine.issue("B", queue::Priority::Green);
    REQUIRE(o.ok());
    REQUIRE(s.insert_ticket(*o->ticket, {o->ticket->id, "c0de", 7, "req-1"}).ok());
    auto o2 = engine.issue("B", queue::Priority::Normal);
    REQUIRE(o2.ok());
    auto dup = s.insert_ticket(*o2->ticket, {o2->ticket->id, "c0df", 7, "req-1"});
    CHECK_FALSE(dup.ok());  // the same request id from the same device
    REQUIRE(s.insert_ticket(*o2->ticket, {o2->ticket->id, "c0df", 8, "req-1"}).ok());
    auto called = engine.call_next(2);
    REQUIRE(called.ok());
    REQUIRE(s.update_ticket(*called->ticket).ok());
    auto records = s.ticket_records();
    REQUIRE(records.ok());
    REQUIRE(records->size() == 2);
    CHECK((*records)[0].code == "c0de");
    CHECK((*records)[0].request_id == "req-1");
    CHECK((*records)[1].device == 8);
    auto status = s.db().prepare("SELECT status, window FROM tickets WHERE id = ?");
    REQUIRE(status.ok());
    (*status)->bind(1, called->ticket->id);
    REQUIRE(*(*status)->step());
    CHECK((*status)->column_text(0) == "called");
    CHECK((*status)->column_int(1) == 2);
}

TEST_CASE("staff, devices, sessions, PIN failures and attendance") {
    test::TempDir dir;
    auto store = HubStore::open(dir / "people.db");
    REQUIRE(store.ok());
    auto& s = **store;
    TimePoint now = t("2026-11-27T09:00:00+08:00");
    auto pin = hash_pin("1234");
    REQUIRE(pin.ok());
    REQUIRE(s.upsert_staff({"S001", "张三", "JWC", *pin, {}}, now).ok());
    REQUIRE(
        s.upsert_staff({"S001", "张三丰", "CWC", *pin, {}}, now).ok());  // update, not a second row
    auto staff = s.staff("S001");
    REQUIRE(staff.ok());
    REQUIRE(staff->has_value());
    CHECK((*staff)->name == "张三丰");
    CHECK((*staff)->unit == "CWC");
    CHECK(verify_pin((*staff)->pin_hash, "1234"));
    auto nobody = s.staff("S999");
    REQUIRE(nobody.ok());
    CHECK_FALSE(nobody->has_value());

    std::string token = new_token();
    REQUIRE(s.add_device("pad-1", Role::Pad, 1, token_hash(token), now).ok());
    auto device = s.device_by_token_hash(token_hash(token));
    REQUIRE(device.ok());
    REQUIRE(device->has_value());
    CHECK((*device)->role == Role::Pad);
    CHECK((*device)->window == 1);
    auto unknown = s.device_by_token_hash(token_hash(new_token()));
    REQUIRE(unknown.ok());
    CHECK_FALSE(unknown->has_value());

    for (int i = 0; i < 3; ++i)
        REQUIRE(s.record_pin_failure("S001", now - std::chrono::minutes(20 - i * 5)).ok());
    auto recent = s.pin_failures_since("S001", now - std::chrono::minutes(15));
    REQUIRE(recent.ok());
    CHECK(*recent == 2);  // 15 and 10 minutes ago; 20 minutes ago is outside
    REQUIRE(s.clear_pin_failures("S001").ok());
    CHECK(*s.pin_failures_since("S001", now - std::chrono::hours(1)) == 0);

    auto id = s.start_session({0, "h1", "S001", 1, 1}, now);
    REQUIRE(id.ok());
    REQUIRE(s.check_in("S001", 1, "2026-11-27", "morning", now).ok());
    REQUIRE(s.check_in("S001", 1, "2026-11-27", "morning", now + std::chrono::minutes(5))
                .ok());  // first counts
    CHECK(s.session_by_token_hash("h1")->has_value());
    REQUIRE(s.end_session(*id, now + std::chrono::hours(2)).ok());
    REQUIRE(s.check_out("S001", now + std::chrono::hours(2)).ok());
    CHECK_FALSE(s.session_by_token_hash("h1")->has_value());
    CHECK(s.open_sessions()->empty());
    auto att = s.db().prepare(
        "SELECT COUNT(*), MIN(check_in), MIN(check_out) FROM attendance WHERE staff = 'S001'");
    REQUIRE(att.ok());
    REQUIRE(*(*att)->step());
    CHECK((*att)->column_int(0) == 1);
    CHECK((*att)->column_text(1) == "2026-11-27T09:00:00+08:00");
    CHECK((*att)->column_text(2) == "2026-11-27T11:00:00+08:00");
}

TEST_CASE("ratings, follow-ups, leases, notices, alerts and idempotent answers") {
    test::TempDir dir;
    auto store = HubStore::open(dir / "records.db");
    REQUIRE(store.ok());
    auto& s = **store;
    TimePoint now = t("2026-11-27T09:00:00+08:00");
    REQUIRE(s.insert_evaluation({5, 1, "JWC", "S001", 1, {"attitude"}, "", "pad"}, now).ok());
    CHECK_FALSE(
        s.insert_evaluation({5, 1, "JWC", "S001", 4, {}, "", "code"}, now).ok());  // one per ticket
    CHECK(*s.evaluated_tickets() == std::vector<int64_t>{5});
    REQUIRE(s.open_followup(5, "JWC", "2026-12-04", now).ok());
    CHECK_FALSE(s.open_followup(5, "JWC", "2026-12-04", now).ok());

    REQUIRE(s.insert_lease(3, {"A", "2026-11-27", 101, 20}, now).ok());
    auto leases = s.leases(3);
    REQUIRE(leases.ok());
    REQUIRE(leases->size() == 1);
    CHECK((*leases)[0].first == 101);
    CHECK(s.leases(4)->empty());

    CHECK(s.notice(now)->zh.empty());
    REQUIRE(s.insert_notice({"今日下午三点暂停办理", "Closed at 3 pm today"}, now).ok());
    REQUIRE(s.insert_notice({"新通知", "New notice"}, now).ok());
    CHECK(s.notice(now)->zh == "新通知");

    auto alert = s.insert_alert(3, "printer_paper_end", "out of paper", now);
    REQUIRE(alert.ok());
    CHECK(*alert > 0);

    CHECK_FALSE(s.idempotent_answer(1, "k1")->has_value());
    REQUIRE(s.save_idempotent_answer(1, "k1", {200, "{\"a\":1}"}, now).ok());
    auto answer = s.idempotent_answer(1, "k1");
    REQUIRE(answer->has_value());
    CHECK((*answer)->status == 200);
    CHECK((*answer)->body == "{\"a\":1}");
    CHECK_FALSE(s.idempotent_answer(2, "k1")->has_value());  // keys are per window
}

TEST_CASE("the stored hall replaces the configuration tables") {
    test::TempDir dir;
    queue::Hall hall = test_hall();
    auto store = HubStore::open(dir / "hall.db");
    REQUIRE(store.ok());
    auto& s = **store;
    CHECK_FALSE(s.hall_text()->has_value());
    REQUIRE(s.save_hall(hall, "toml text", "test").ok());
    REQUIRE(s.save_hall(hall, "toml text 2", "test").ok());
    CHECK(s.hall_text()->value() == "toml text 2");
    auto count = s.db().prepare(
        "SELECT (SELECT COUNT(*) FROM services), (SELECT COUNT(*) FROM windows), "
        "(SELECT COUNT(*) FROM hours WHERE window = 1)");
    REQUIRE(count.ok());
    REQUIRE(*(*count)->step());
    CHECK((*count)->column_int(0) == 3);
    CHECK((*count)->column_int(1) == 3);
    CHECK((*count)->column_int(2) == 7);
}

TEST_CASE("devices are listed, revoked and seen; staff are listed, disabled and enabled again") {
    test::TempDir dir;
    auto store = HubStore::open(dir / "people.db");
    REQUIRE(store.ok());
    auto& s = **store;
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
    TimePoint now = t("2026-11-27T09:00:00+08:00");
    CHECK_FALSE(*s.holds_records());

    auto kiosk = s.add_device("kiosk-1", Role::Kiosk, 0, token_hash("k"), now);
    auto pad = s.add_device("pad-1", Role::Pad, 1, token_hash("p"), now);
    REQUIRE(kiosk.ok());
    REQUIRE(pad.ok());
    CHECK(*s.holds_records());
    REQUIRE(s.record_device_seen(*pad, now + std::chrono::minutes(5)).ok());
    REQUIRE(s.revoke_device(*kiosk, now + std::chrono::hours(1)).ok());
    REQUIRE(s.revoke_device(*kiosk, now + std::chrono::hours(2)).ok());  // the first time stays
    CHECK(*s.count_revoked_devices() == 1);
    auto unknown = s.revoke_device(99, now);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "device_unknown");

    auto devices = s.devices();
    REQUIRE(devices.ok());
    REQUIRE(devices->size() == 2);
    const Device& k = (*devices)[0];
    CHECK(k.name == "kiosk-1");
    CHECK(k.created_at == "2026-11-27T09:00:00+08:00");
    CHECK_FALSE(k.last_seen_at.has_value());
    CHECK(k.revoked_at == "2026-11-27T10:00:00+08:00");
    const Device& p = (*devices)[1];
    CHECK_FALSE(p.revoked());
    CHECK(p.last_seen_at == "2026-11-27T09:05:00+08:00");
    auto by_hash = s.device_by_token_hash(token_hash("k"));
    REQUIRE(by_hash.ok());
    REQUIRE(by_hash->has_value());
    CHECK((*by_hash)->revoked());  // still found: the caller refuses it and says why

    REQUIRE(s.upsert_staff({"S002", "李四", "CWC", "h2", {}}, now).ok());
    REQUIRE(s.upsert_staff({"S001", "张三", "JWC", "h1", {}}, now).ok());
    REQUIRE(s.disable_staff("S001", now).ok());
    auto nobody = s.disable_staff("S404", now);
    REQUIRE_FALSE(nobody.ok());
    CHECK(nobody.error().code == "staff_unknown");
    auto staff = s.all_staff();
    REQUIRE(staff.ok());
    REQUIRE(staff->size() == 2);
    CHECK((*staff)[0].number == "S001");
    CHECK((*staff)[0].disabled_at == "2026-11-27T09:00:00+08:00");
    CHECK_FALSE((*staff)[1].disabled());
    REQUIRE(s.upsert_staff({"S001", "张三", "JWC", "h3", {}}, now).ok());  // enabled again
    CHECK_FALSE((*s.staff("S001"))->disabled());
}

TEST_CASE("a version 1 database keeps its devices and staff when migrated") {
    test::TempDir dir;
    {
        auto db = Database::open(dir / "v1.db");
        REQUIRE(db.ok());
        REQUIRE((*db)->migrate({hub_migrations()[0]}).ok());
        REQUIRE((*db)
                    ->exec("INSERT INTO devices (name, role, window, token_hash, created_at) "
                           "VALUES ('k', 'kiosk', 0, 'hash', '2026-11-27T09:00:00+08:00');"
                           "INSERT INTO staff (number, name, unit, pin_hash, created_at) "
                           "VALUES ('S001', '张三', 'JWC', 'pin', '2026-11-27T09:00:00+08:00');")
                    .ok());
    }
    auto store = HubStore::open(dir / "v1.db");
    REQUIRE(store.ok());
    auto device = (*store)->device_by_token_hash("hash");
    REQUIRE(device.ok());
    REQUIRE(device->has_value());
    CHECK_FALSE((*device)->revoked());
    CHECK_FALSE((*device)->last_seen_at.has_value());
    auto staff = (*store)->staff("S001");
    REQUIRE(staff.ok());
    REQUIRE(staff->has_value());
    CHECK_FALSE((*staff)->disabled());
}

TEST_CASE("a version 3 database gets the printed number of its renumbered tickets from the log") {
    test::TempDir dir;
    {
        auto db = Database::open(dir / "v3.db");
        REQUIRE(db.ok());
        const auto& all = hub_migrations();
        REQUIRE((*db)->migrate({all[0], all[1], all[2]}).ok());
        REQUIRE((*db)
                    ->exec("INSERT INTO events (at, type, payload) VALUES "
                           "('2026-11-27T09:00:00+08:00', 'ticket_issued', '{\"id\":1,\"number\":"
                           "\"A001\"}'), "
                           "('2026-11-27T09:01:00+08:00', 'ticket_issued', '{\"id\":2,\"number\":"
                           "\"A002\",\"adopted\":false,\"printed\":\"A001\"}');"
                           "INSERT INTO tickets (id, number, service, service_day, status, "
                           "priority, code, issued_at) VALUES "
                           "(1, 'A001', 'A', '2026-11-27', 'done', 0, 'c1', "
                           "'2026-11-27T09:00:00+08:00'), "
                           "(2, 'A002', 'A', '2026-11-27', 'waiting', 0, 'c2', "
                           "'2026-11-27T09:01:00+08:00');")
                    .ok());
    }
    auto store = HubStore::open(dir / "v3.db");
    REQUIRE(store.ok());
    auto first = (*store)->stored_ticket(1);
    auto second = (*store)->stored_ticket(2);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    REQUIRE(first->has_value());
    REQUIRE(second->has_value());
    CHECK((*first)->ticket.printed.empty());
    CHECK((*second)->ticket.printed == "A001");
    CHECK((*second)->record.code == "c2");
    CHECK((*(*store)->oldest_open_ticket()) == t("2026-11-27T09:01:00+08:00"));
    CHECK(*(*store)->first_event_at(t("2026-11-27T09:00:30+08:00")) == 2);
    CHECK(*(*store)->first_event_at(t("2026-11-28T00:00:00+08:00")) == 3);  // none: after the last
    CHECK(*(*store)->max_ticket_id() == 2);
    auto numbers = (*store)->day_numbers("A", "2026-11-27");
    REQUIRE(numbers.ok());
    CHECK(numbers->issued.size() == 2);
}
