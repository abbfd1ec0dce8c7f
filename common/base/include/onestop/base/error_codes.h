#pragma once
// Error codes by name. An Error's code (onestop/base/result.h) is the "code" of the hub's
// error answers, {"error":{"code":…,"message":…}} (CONTRACT.md, docs/api.md), and what
// clients compare to decide what to do: the hub sends these and clients test for them
// through one name, so a typo is a compile error. The strings are the wire's and never
// change; add a code here before using it.

namespace onestop::errc {

// --- The queue engine's refusals (common/queue); the hub answers them 4xx. ---
inline constexpr char service_unknown[] = "service_unknown";
inline constexpr char service_closed[] = "service_closed";  // with next_open
inline constexpr char window_unknown[] = "window_unknown";
inline constexpr char window_paused[] = "window_paused";
inline constexpr char window_not_serving[] = "window_not_serving";
inline constexpr char nothing_called[] = "nothing_called";
inline constexpr char recall_limit_reached[] = "recall_limit_reached";
inline constexpr char already_paused[] = "already_paused";
inline constexpr char not_paused[] = "not_paused";
inline constexpr char not_waiting[] = "not_waiting";
inline constexpr char not_no_show[] = "not_no_show";
inline constexpr char ticket_unknown[] = "ticket_unknown";
inline constexpr char transfer_target_unknown[] = "transfer_target_unknown";
inline constexpr char lease_unknown[] = "lease_unknown";
inline constexpr char invalid_lease_count[] = "invalid_lease_count";

// --- The hub's answers about the request itself (hub/src). ---
inline constexpr char malformed_json[] = "malformed_json";  // 400
inline constexpr char bad_request[] = "bad_request";        // 400: any other malformed request
inline constexpr char missing_field[] = "missing_field";    // 400
inline constexpr char wrong_type[] = "wrong_type";          // 400
inline constexpr char invalid_field[] = "invalid_field";    // 422
inline constexpr char unauthorized[] = "unauthorized";      // 401: no, unknown or revoked token
inline constexpr char bad_token[] = "bad_token";            // 401: the session has ended
inline constexpr char forbidden[] = "forbidden";            // 403: wrong role
inline constexpr char wrong_window[] = "wrong_window";      // 403
inline constexpr char wrong_unit[] = "wrong_unit";          // 403: staff of another unit
inline constexpr char wrong_pin[] = "wrong_pin";            // 401
inline constexpr char staff_disabled[] = "staff_disabled";  // 403
inline constexpr char too_many_tries[] = "too_many_tries";  // 429: PIN or password lockout
inline constexpr char csrf[] = "csrf";  // 403: a cookie change without X-CSRF-Token
inline constexpr char wrong_password[] = "wrong_password";  // 401
inline constexpr char account_exists[] = "account_exists";  // the login is taken
inline constexpr char stale_version[] = "stale_version";    // 409: edited since it was read
inline constexpr char service_unserved[] =
    "service_unserved";  // 422: a plan leaves a service without a window
inline constexpr char window_exists[] = "window_exists";  // 409: adding a window number in use
inline constexpr char already_evaluated[] = "already_evaluated";        // 409
inline constexpr char ticket_not_done[] = "ticket_not_done";            // 409
inline constexpr char reason_required[] = "reason_required";            // 422
inline constexpr char reason_unknown[] = "reason_unknown";              // 422
inline constexpr char bad_last_event_id[] = "bad_last_event_id";        // 400
inline constexpr char too_many_streams[] = "too_many_streams";          // 503
inline constexpr char method_not_allowed[] = "method_not_allowed";      // 405
inline constexpr char body_too_large[] = "body_too_large";              // 413
inline constexpr char uri_too_long[] = "uri_too_long";                  // 414
inline constexpr char not_found[] = "not_found";                        // 404
inline constexpr char shutting_down[] = "shutting_down";                // 503
inline constexpr char database_unavailable[] = "database_unavailable";  // 503
inline constexpr char internal_error[] = "internal_error";              // 500
// The office console's records (issue 12).
inline constexpr char account_unknown[] = "account_unknown";  // 404
inline constexpr char staff_exists[] = "staff_exists";        // 409: the staff number is taken
// People (issue 14): terms, rosters, requests, the monthly sheet.
inline constexpr char term_unknown[] = "term_unknown";                    // 404
inline constexpr char term_overlaps[] = "term_overlaps";                  // 409
inline constexpr char no_draft[] = "no_draft";                            // 409: nothing to publish
inline constexpr char change_request_needed[] = "change_request_needed";  // 409: 第十五条
inline constexpr char request_unknown[] = "request_unknown";              // 404
inline constexpr char wrong_status[] = "wrong_status";                    // 409: not awaiting that
inline constexpr char month_published[] = "month_published";              // 409: ask a correction
inline constexpr char meeting_unknown[] = "meeting_unknown";              // 404
// Cases (办件).
inline constexpr char case_unknown[] = "case_unknown";               // 404
inline constexpr char case_exists[] = "case_exists";                 // 409: the ticket has a case
inline constexpr char supplement_once[] = "supplement_once";         // 409: 补正 asked already
inline constexpr char case_not_awaiting[] = "case_not_awaiting";     // 409: resume without 补正
inline constexpr char case_closed[] = "case_closed";                 // 409: completed or returned
inline constexpr char case_awaiting[] = "case_awaiting_supplement";  // 409: materials missing
inline constexpr char tasks_open[] = "tasks_open";                   // 409: partner tasks not done
inline constexpr char handover_unknown[] = "handover_unknown";       // 404
inline constexpr char followup_unknown[] = "followup_unknown";       // 404
inline constexpr char complaint_unknown[] = "complaint_unknown";     // 404
inline constexpr char handover_confirmed[] = "handover_confirmed";   // 409
inline constexpr char unit_unknown[] = "unit_unknown";               // 422

// --- The clients' own, when no answer came (common/net, used by every device). ---
inline constexpr char hub_unreachable[] = "hub_unreachable";
inline constexpr char timeout[] = "timeout";
inline constexpr char bad_response[] = "bad_response";

// --- Inside one program, never on the wire. ---
inline constexpr char internal[] = "internal";          // a broken invariant
inline constexpr char interrupted[] = "interrupted";    // a wait cut short by shutdown
inline constexpr char tls_unusable[] = "tls_unusable";  // the hub's certificate or key
// The hall's database (common/store, hub/src).
inline constexpr char database_error[] = "database_error";
inline constexpr char database_open_failed[] = "database_open_failed";
inline constexpr char database_in_use[] = "database_in_use";  // another hub serves or restores it
inline constexpr char migration_failed[] = "migration_failed";
inline constexpr char no_database[] = "no_database";
inline constexpr char event_malformed[] = "event_malformed";
inline constexpr char event_unknown[] = "event_unknown";
inline constexpr char device_unknown[] = "device_unknown";
inline constexpr char staff_unknown[] = "staff_unknown";
inline constexpr char hash_failed[] = "hash_failed";
// Start-up: files, flags, the hall (common/base, config, cli, ui; hub/src).
inline constexpr char unknown_time_zone[] = "unknown_time_zone";
inline constexpr char hall_invalid[] = "hall_invalid";
inline constexpr char hall_unreadable[] = "hall_unreadable";
inline constexpr char catalogue_invalid[] = "catalogue_invalid";
inline constexpr char bad_lang[] = "bad_lang";
inline constexpr char bad_flag[] = "bad_flag";
inline constexpr char token_file[] = "token_file";
inline constexpr char file_unreadable[] = "file_unreadable";
inline constexpr char listen_failed[] = "listen_failed";
// Screens (common/ui).
inline constexpr char bad_script[] = "bad_script";
inline constexpr char font_missing[] = "font_missing";
inline constexpr char png_size[] = "png_size";
inline constexpr char png_unreadable[] = "png_unreadable";
inline constexpr char qr_failed[] = "qr_failed";
inline constexpr char screenshot_failed[] = "screenshot_failed";
inline constexpr char sdl_init[] = "sdl_init";
inline constexpr char sdl_renderer[] = "sdl_renderer";
inline constexpr char sdl_window[] = "sdl_window";
// The counter's keypad (counter/src).
inline constexpr char input_busy[] = "input_busy";
inline constexpr char input_unavailable[] = "input_unavailable";
inline constexpr char keymap_invalid[] = "keymap_invalid";
// The campus database (common/pg, the hub's campus shipper, onestop-campus).
inline constexpr char campus_url[] = "campus_url";                  // a bad or unsafe --campus URL
inline constexpr char campus_unreachable[] = "campus_unreachable";  // no connection, or it broke
inline constexpr char campus_sql[] = "campus_sql";                  // a statement failed
inline constexpr char campus_refused[] = "campus_refused";  // the campus holds more than the hall

}  // namespace onestop::errc
