#pragma once
// An incremental parser for the text/event-stream format (WHATWG HTML "Server-sent
// events", the parts the hub uses): bytes arrive in arbitrary chunks; lines end with
// LF, CRLF or CR; `id:`, `event:`, `data:` fields (one optional space after the colon),
// `:` comment lines; a blank line dispatches the event. Pure: no I/O, no threads.

#include <functional>
#include <string>
#include <string_view>

namespace onestop::net {

struct SseEvent {
    std::string id;    // the last id seen on the stream (persists across events)
    std::string name;  // "message" when the event had no `event:` field
    std::string data;  // data lines joined with '\n'
};

class SseParser {
  public:
    using EventHandler = std::function<void(SseEvent&&)>;
    using CommentHandler = std::function<void(std::string_view)>;

    explicit SseParser(EventHandler on_event, CommentHandler on_comment = {});

    // Feeds the next chunk; calls the handlers for every complete event / comment.
    void feed(std::string_view chunk);
    // Forgets a half-received line and event (after a dropped connection); keeps last_id.
    void reset();
    const std::string& last_id() const { return last_id_; }
    // The `retry:` value the server asked for, in ms; 0 when none.
    long retry_ms() const { return retry_ms_; }

  private:
    void line(std::string_view text);
    void dispatch();

    EventHandler on_event_;
    CommentHandler on_comment_;
    std::string pending_;    // bytes after the last line end
    bool after_cr_ = false;  // the previous chunk ended with CR: a following LF is not a new line
    std::string last_id_;
    std::string name_;
    std::string data_;
    bool has_data_ = false;
    long retry_ms_ = 0;
};

}  // namespace onestop::net
