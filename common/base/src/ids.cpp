#include "onestop/base/ids.h"

#include <sodium.h>

#include <cstdio>

namespace onestop {

static void ensure_sodium() {
    static const int ready = sodium_init();  // thread-safe once; returns 1 if already done
    (void)ready;
}

std::string random_hex(int bytes) {
    ensure_sodium();
    std::string raw(static_cast<size_t>(bytes), '\0');
    randombytes_buf(raw.data(), raw.size());
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(raw.size() * 2);
    for (unsigned char c : raw) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string new_uuid() {
    ensure_sodium();
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    char out[37];
    std::snprintf(out, sizeof out,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return out;
}

}  // namespace onestop
