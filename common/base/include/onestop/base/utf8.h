#pragma once
// UTF-8 stepping for the places that lay text out by character (wrapping, printer
// cells, the counter's 40-column screen). Lenient: a stray or truncated lead byte
// is one character of its own, so bad input never stops the caller.

#include <cstddef>
#include <string_view>

namespace onestop {

// Length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
inline size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;
}

struct Utf8Char {
    char32_t code_point = 0;
    size_t length = 1;  // bytes consumed, at least 1
    bool valid = true;  // false: a stray or truncated lead byte, decoded as its own value
};

// Decodes the character starting at s[i] (requires i < s.size()).
inline Utf8Char decode_utf8(std::string_view s, size_t i) {
    auto lead = static_cast<unsigned char>(s[i]);
    size_t n = utf8_length(lead);
    if (i + n > s.size()) n = 1;
    if (n == 1) return {lead, 1, lead < 0x80};
    char32_t cp = lead & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return {cp, n, true};
}

}  // namespace onestop
