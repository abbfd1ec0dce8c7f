#include "hub_fixture.h"

#include <stdexcept>

#include "onestop/base/ids.h"

namespace onestop::test {

Answer to_answer(const httplib::Result& r) {
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.text = r->body;
    a.body = json::parse(r->body, nullptr, false);
    if (a.body.is_discarded()) a.body = nullptr;
    return a;
}

static httplib::Headers auth(const std::string& token, httplib::Headers headers = {}) {
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return headers;
}

HubFixture::HubFixture(std::vector<std::string> extra_args, const std::string& hall)
    : hub(HubOptions{dir / "hub.db", kTestNow, hall, std::move(extra_args)}) {
    hub.init();
    kiosk = hub.create_token("kiosk", "大厅入口一号机");
    kiosk2 = hub.create_token("kiosk", "大厅入口二号机");
    counter = hub.create_token("counter", "counter-1");
    pad1 = hub.create_token("pad", "pad-1", 1);
    pad2 = hub.create_token("pad", "pad-2", 2);
    admin = hub.create_token("admin", "北区办");
    board = hub.create_token("board", "hall-board");
    hub.add_staff("S001", "张三", "JWC", "1234");
    hub.add_staff("S002", "李四", "CWC", "1234");
    hub.start();
}

httplib::Client HubFixture::client() const {
    httplib::Client c(hub.url());
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
}

Answer HubFixture::get(const std::string& path, const std::string& token) const {
    auto c = client();
    return to_answer(c.Get(path, auth(token)));
}

Answer HubFixture::post(const std::string& path, const json& body, const std::string& token,
                        const httplib::Headers& headers) const {
    auto c = client();
    return to_answer(
        c.Post(path, auth(token, headers), body.is_null() ? "" : body.dump(), "application/json"));
}

Answer HubFixture::post_raw(const std::string& path, const std::string& body,
                            const std::string& token) const {
    auto c = client();
    return to_answer(c.Post(path, auth(token), body, "application/json"));
}

Answer HubFixture::put(const std::string& path, const json& body, const std::string& token) const {
    auto c = client();
    return to_answer(c.Put(path, auth(token), body.dump(), "application/json"));
}

Answer HubFixture::del(const std::string& path, const std::string& token) const {
    auto c = client();
    return to_answer(c.Delete(path, auth(token)));
}

json HubFixture::issue(const std::string& service, bool priority) {
    Answer a =
        post("/api/v1/tickets",
             {{"service", service}, {"priority", priority}, {"request_id", new_uuid()}}, kiosk);
    if (a.status != 201)
        throw std::runtime_error("issue failed: " + std::to_string(a.status) + " " + a.text);
    return a.body["ticket"];
}

std::string HubFixture::login(int window) {
    std::string staff = "S00" + std::to_string(window);
    Answer a =
        post("/api/v1/sessions", {{"window", window}, {"staff", staff}, {"pin", "1234"}}, counter);
    if (a.status != 201)
        throw std::runtime_error("login failed: " + std::to_string(a.status) + " " + a.text);
    return a.body["session"].get<std::string>();
}

RunResult hub_cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv{bin_path("onestop-hub")};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv);
}

RunResult add_account(const HubFixture& f, const std::vector<std::string>& flags,
                      const std::string& password) {
    std::vector<std::string> argv{bin_path("onestop-hub"), "account", "add", "--db",
                                  f.hub.options().db.string()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    return run_program(argv, password + "\n");
}

void add_office_accounts(const HubFixture& f) {
    struct Made {
        std::vector<std::string> flags;
        std::string password;
    };
    const Made accounts[] = {
        {{"--login", "wang", "--name", "王老师", "--role", "office"}, "office-pass-1"},
        {{"--login", "li", "--name", "李主任", "--role", "viewer"}, "viewer-pass-1"},
        {{"--login", "zhao", "--name", "赵科长", "--role", "unit", "--unit", "JWC"},
         "unit-pass-1"}};
    for (const auto& a : accounts)
        if (auto added = add_account(f, a.flags, a.password); added.status != 0)
            throw std::runtime_error("account add failed: " + added.err);
}

LaterHub::LaterHub(HubFixture& f, const std::string& now, const std::string& hall)
    : hub(HubOptions{f.dir / "hub.db", now, hall, {}}), counter(f.counter) {
    hub.start();
}

Answer LaterHub::get(const std::string& path, const std::string& token) const {
    httplib::Client c(hub.url());
    return to_answer(c.Get(path, auth(token)));
}

Answer LaterHub::post(const std::string& path, const json& body, const std::string& token) const {
    httplib::Client c(hub.url());
    return to_answer(
        c.Post(path, auth(token), body.is_null() ? "" : body.dump(), "application/json"));
}

std::string LaterHub::sign_in(int window, const std::string& staff) const {
    Answer a =
        post("/api/v1/sessions", {{"window", window}, {"staff", staff}, {"pin", "1234"}}, counter);
    if (a.status != 201) throw std::runtime_error("sign-in failed: " + a.text);
    return a.body["session"];
}

namespace {
// Signs `browser` in at `path` with `body`, keeping the session cookie and CSRF token.
Answer sign_in(Browser& browser, const std::string& path, const json& body) {
    auto c = browser.f.client();
    auto r = c.Post(path, body.dump(), "application/json");
    Answer a = to_answer(r);
    if (r && r->status == 200) {
        std::string set = r->get_header_value("Set-Cookie");
        browser.cookie = set.substr(0, set.find(';'));
        browser.csrf = a.body["csrf"];
    }
    return a;
}
}  // namespace

Answer Browser::login(const std::string& login, const std::string& password) {
    return sign_in(*this, "/api/v1/login", {{"login", login}, {"password", password}});
}

Answer Browser::staff_login(const std::string& number, const std::string& pin) {
    return sign_in(*this, "/api/v1/me/login", {{"staff", number}, {"pin", pin}});
}

httplib::Headers Browser::headers(bool with_csrf) const {
    httplib::Headers h{{"Cookie", cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", csrf);
    return h;
}

Answer Browser::get(const std::string& path) const {
    auto c = f.client();
    return to_answer(c.Get(path, headers(false)));
}

Answer Browser::put(const std::string& path, const json& body, bool with_csrf) const {
    auto c = f.client();
    return to_answer(c.Put(path, headers(with_csrf), body.dump(), "application/json"));
}

Answer Browser::post(const std::string& path, bool with_csrf) const {
    auto c = f.client();
    return to_answer(c.Post(path, headers(with_csrf), "", "application/json"));
}

Answer Browser::post(const std::string& path, const json& body, bool with_csrf) const {
    auto c = f.client();
    return to_answer(c.Post(path, headers(with_csrf), body.dump(), "application/json"));
}

Answer Browser::del(const std::string& path, bool with_csrf) const {
    auto c = f.client();
    return to_answer(c.Delete(path, headers(with_csrf)));
}

SseReader::SseReader(const std::string& url, const std::string& last_event_id,
                     const std::string& path)
    : client_(url) {
    client_.set_read_timeout(30);
    thread_ = std::thread([this, last_event_id, path] {
        httplib::Headers headers;
        if (!last_event_id.empty()) headers.emplace("Last-Event-ID", last_event_id);
        auto r = client_.Get(
            path, headers,
            [this](const httplib::Response& res) {
                status_ = res.status;
                return !stop_;
            },
            [this](const char* data, size_t n) {
                std::lock_guard lock(mu_);
                buffer_.append(data, n);
                parse_locked();
                return !stop_;
            });
        if (r && status_ == 0) status_ = r->status;
        ended_ = !stop_;
    });
}

SseReader::~SseReader() {
    stop_ = true;
    client_.stop();
    thread_.join();
}

void SseReader::parse_locked() {
    size_t end;
    while ((end = buffer_.find("\n\n")) != std::string::npos) {
        std::string block = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        SseEvent e;
        bool has_data = false;
        size_t pos = 0;
        while (pos <= block.size()) {
            size_t nl = block.find('\n', pos);
            std::string line =
                block.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
            if (line == ": ping")
                ++pings_;
            else if (line.rfind("id: ", 0) == 0)
                e.id = std::stoll(line.substr(4));
            else if (line.rfind("event: ", 0) == 0)
                e.name = line.substr(7);
            else if (line.rfind("data: ", 0) == 0) {
                e.data = json::parse(line.substr(6), nullptr, false);
                has_data = true;
            }
            if (nl == std::string::npos) break;
            pos = nl + 1;
        }
        if (has_data) events_.push_back(std::move(e));
    }
}

std::vector<SseEvent> SseReader::events() {
    std::lock_guard lock(mu_);
    return events_;
}

int SseReader::pings() {
    std::lock_guard lock(mu_);
    return pings_;
}

int SseReader::status() {
    return status_;
}

bool SseReader::wait_for(const std::function<bool(const std::vector<SseEvent>&)>& done,
                         std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (done(events())) return true;
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace onestop::test
