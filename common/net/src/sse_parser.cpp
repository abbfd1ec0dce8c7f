#include "onestop/net/sse_parser.h"

#include <charconv>

namespace onestop::net {

SseParser::SseParser(EventHandler on_event, CommentHandler on_comment)
    : on_event_(std::move(on_event)), on_comment_(std::move(on_comment)) {}

void SseParser::feed(std::string_view chunk) {
    size_t start = 0;
    for (size_t i = 0; i < chunk.size(); ++i) {
        char c = chunk[i];
        if (c != '\n' && c != '\r') {
            after_cr_ = false;
            continue;
        }
        if (c == '\n' && after_cr_ && i == start && pending_.empty()) {
            // The LF of a CRLF whose CR ended the previous line.
            after_cr_ = false;
            start = i + 1;
            continue;
        }
        pending_.append(chunk.substr(start, i - start));
        line(pending_);
        pending_.clear();
        after_cr_ = (c == '\r');
        start = i + 1;
    }
    pending_.append(chunk.substr(start));
}

void SseParser::reset() {
    pending_.clear();
    after_cr_ = false;
    name_.clear();
    data_.clear();
    has_data_ = false;
}

void SseParser::line(std::string_view text) {
    if (text.empty()) {
        dispatch();
        return;
    }
    if (text.front() == ':') {
        if (on_comment_) {
            text.remove_prefix(1);
            if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
            on_comment_(text);
        }
        return;
    }
    std::string_view field = text, value;
    if (size_t colon = text.find(':'); colon != std::string_view::npos) {
        field = text.substr(0, colon);
        value = text.substr(colon + 1);
        if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
        if (has_data_) data_ += '\n';
        data_.append(value);
        has_data_ = true;
    } else if (field == "event") {
        name_.assign(value);
    } else if (field == "id") {
        // The standard ignores ids containing NUL.
        if (value.find('\0') == std::string_view::npos) last_id_.assign(value);
    } else if (field == "retry") {
        long ms = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
        if (ec == std::errc() && ptr == value.data() + value.size()) retry_ms_ = ms;
    }
    // Other fields are ignored, as the standard says.
}

void SseParser::dispatch() {
    if (!has_data_) {
        name_.clear();
        return;
    }
    SseEvent ev{last_id_, name_.empty() ? "message" : name_, std::move(data_)};
    name_.clear();
    data_.clear();
    has_data_ = false;
    if (on_event_) on_event_(std::move(ev));
}

}  // namespace onestop::net
