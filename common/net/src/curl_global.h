#pragma once
// curl_global_init is not thread-safe; every user of libcurl in this module calls
// ensure_curl_global() before creating a handle so it runs exactly once per process.
namespace onestop::net::detail {
void ensure_curl_global();
}
