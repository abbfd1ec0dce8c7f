#include "onestop/store/office_sessions.h"

#include "onestop/store/secrets.h"

namespace onestop::store {

OfficeSessions::Opened OfficeSessions::keep(OfficeSession session) {
    Opened opened{store::new_token(), store::new_token()};
    session.csrf = opened.csrf;
    std::lock_guard lock(mu_);
    sessions_[store::token_hash(opened.token)] = std::move(session);
    return opened;
}

OfficeSessions::Opened OfficeSessions::open(const store::Account& account, TimePoint now) {
    OfficeSession session{account, std::nullopt, "", now};
    session.account.password_hash.clear();
    return keep(std::move(session));
}

OfficeSessions::Opened OfficeSessions::open(const store::Staff& staff, TimePoint now) {
    OfficeSession session{{}, staff, "", now};
    session.staff->pin_hash.clear();
    return keep(std::move(session));
}

std::optional<OfficeSession> OfficeSessions::find(const std::string& token, TimePoint now) {
    std::string hash = store::token_hash(token);
    std::lock_guard lock(mu_);
    auto it = sessions_.find(hash);
    if (it == sessions_.end()) return std::nullopt;
    if (now - it->second.last_used >= kIdle) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_used = now;
    return it->second;
}

void OfficeSessions::close(const std::string& token_hash) {
    std::lock_guard lock(mu_);
    sessions_.erase(token_hash);
}

void OfficeSessions::close_account(const std::string& login) {
    std::lock_guard lock(mu_);
    std::erase_if(sessions_, [&](const auto& s) {
        return !s.second.staff && s.second.account.login == login;
    });
}

void OfficeSessions::close_staff(const std::string& number) {
    std::lock_guard lock(mu_);
    std::erase_if(sessions_, [&](const auto& s) {
        return s.second.staff && s.second.staff->number == number;
    });
}

int OfficeSessions::locked_for(const std::string& login, TimePoint now) {
    return failures_.wait_for(login, now);
}

void OfficeSessions::record_failure(const std::string& login, TimePoint now) {
    failures_.record(login, now);
}

void OfficeSessions::clear_failures(const std::string& login) {
    failures_.clear(login);
}

std::string cookie_value(const std::string& header, const std::string& name) {
    size_t at = 0;
    while (at < header.size()) {
        while (at < header.size() && (header[at] == ' ' || header[at] == ';')) ++at;
        size_t end = header.find(';', at);
        if (end == std::string::npos) end = header.size();
        std::string pair = header.substr(at, end - at);
        size_t eq = pair.find('=');
        if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
        at = end;
    }
    return "";
}

}  // namespace onestop::store
