// Text encoding (glibc iconv carries GB18030 and GBK; to_string(TextEncoding) is its
// iconv name) and column-based wrapping.
#include <iconv.h>

#include <cctype>
#include <cerrno>

#include "onestop/base/utf8.h"
#include "onestop/printer/encoder.h"

namespace onestop::printer {

namespace {

// Converts with iconv; an unconvertible unit (`skip_unit` bytes of input) becomes
// `replacement` so one bad character never drops a whole line.
std::string convert(std::string_view in, const char* to, const char* from, bool input_is_utf8,
                    std::string_view replacement) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::string(in);
    std::string out;
    out.reserve(in.size() * 2);
    char buf[256];
    const char* src = in.data();
    size_t left = in.size();
    while (left > 0) {
        char* dst = buf;
        size_t room = sizeof buf;
        size_t rc = iconv(cd, const_cast<char**>(&src), &left, &dst, &room);
        out.append(buf, dst - buf);
        if (rc != static_cast<size_t>(-1)) break;
        if (errno == E2BIG) continue;
        // EILSEQ (not representable / invalid) or EINVAL (cut short at the end).
        size_t skip = input_is_utf8 ? utf8_length(static_cast<unsigned char>(*src)) : 1;
        if (skip > left) skip = left;
        src += skip;
        left -= skip;
        out += replacement;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
    }
    iconv_close(cd);
    return out;
}

struct CodePoint {
    std::string_view bytes;
    char32_t value;
};

std::vector<CodePoint> code_points(std::string_view s) {
    std::vector<CodePoint> out;
    for (size_t i = 0; i < s.size();) {
        auto lead = static_cast<unsigned char>(s[i]);
        size_t n = utf8_length(lead);
        if (i + n > s.size()) n = 1;
        char32_t v = n == 1 ? lead : lead & (0x7F >> n);
        for (size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back({s.substr(i, n), v});
        i += n;
    }
    return out;
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Chinese line-breaking rules (禁则): these never start a line…
bool no_line_start(char32_t c) {
    return std::u32string_view(U"，。、；：？！）」』》〉】〕”’…—・％").find(c) !=
           std::u32string_view::npos;
}
// …and these never end one.
bool no_line_end(char32_t c) {
    return std::u32string_view(U"（「『《〈【〔“‘").find(c) != std::u32string_view::npos;
}

}  // namespace

std::string encode_text(std::string_view utf8, TextEncoding encoding) {
    if (encoding == TextEncoding::Utf8) return std::string(utf8);
    return convert(utf8, to_string(encoding), "UTF-8", true, "?");
}

std::string decode_text(std::string_view bytes, TextEncoding encoding) {
    return convert(bytes, "UTF-8", to_string(encoding), false, "\xEF\xBF\xBD");
}

int text_columns(std::string_view utf8) {
    int cols = 0;
    for (const auto& cp : code_points(utf8)) cols += is_wide(cp.value) ? 2 : 1;
    return cols;
}

std::vector<std::string> wrap_columns(std::string_view utf8, int columns) {
    std::vector<std::string> lines;
    std::string line;
    int used = 0;
    size_t last_break = std::string::npos;  // byte offset in `line` where a break may go
    char32_t previous = 0;
    for (const auto& cp : code_points(utf8)) {
        if (cp.value == '\n') {
            lines.push_back(line);
            line.clear();
            used = 0;
            last_break = std::string::npos;
            previous = 0;
            continue;
        }
        int w = is_wide(cp.value) ? 2 : 1;
        // Before a wide character, unless the rules above forbid it.
        if (w == 2 && !line.empty() && !no_line_start(cp.value) && !no_line_end(previous)) {
            last_break = line.size();
        }
        // Between Chinese and a following Latin letter or digit.
        if (w == 1 && previous >= 0x80 && is_wide(previous) && !no_line_end(previous) &&
            cp.value < 0x80 && std::isalnum(static_cast<int>(cp.value))) {
            last_break = line.size();
        }
        if (used + w > columns && !line.empty()) {
            if (cp.value == ' ') {  // a space at the end of a line just ends it
                lines.push_back(line);
                line.clear();
                used = 0;
                last_break = std::string::npos;
                continue;
            }
            std::string rest;
            if (last_break != std::string::npos && last_break > 0) {
                rest = line.substr(last_break);
                line.resize(last_break);
            }
            while (!line.empty() && line.back() == ' ') line.pop_back();
            lines.push_back(line);
            line = rest;
            used = text_columns(line);
            last_break = std::string::npos;
        }
        line += cp.bytes;
        used += w;
        previous = cp.value;
        if (cp.value == ' ') last_break = line.size();  // after a space
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

}  // namespace onestop::printer
