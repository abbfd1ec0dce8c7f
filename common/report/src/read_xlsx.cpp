// An .xlsx workbook is a zip of XML parts: xl/workbook.xml names the sheets, its .rels the
// part each is in, xl/sharedStrings.xml holds the text cells point into. Only what reading
// a table needs is parsed here; zip entries are stored or deflated (zlib), as Excel, LibreOffice
// and libxlsxwriter write them.
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>

#include "onestop/base/error_codes.h"
#include "onestop/report/read.h"

namespace onestop::report {

namespace {

Error damaged(const std::string& what) {
    return Error{errc::invalid_field, "not a readable Excel workbook (.xlsx): " + what};
}

uint32_t le(std::string_view b, size_t at, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
    return v;
}

// The zip's entries by name: where each one's data starts, its sizes and method.
struct Entry {
    uint32_t method = 0, packed = 0, size = 0, local = 0;
};

Result<std::map<std::string, Entry>> directory(std::string_view zip) {
    // The end record is the last 22 bytes, or earlier by a comment of up to 64 KiB.
    if (zip.size() < 22) return damaged("too short");
    size_t end = std::string_view::npos;
    for (size_t at = zip.size() - 22;; --at) {
        if (le(zip, at, 4) == 0x06054b50) {
            end = at;
            break;
        }
        if (at == 0 || zip.size() - at > 22 + 65535) break;
    }
    if (end == std::string_view::npos) return damaged("no zip directory");
    uint32_t count = le(zip, end + 10, 2), at = le(zip, end + 16, 4);
    std::map<std::string, Entry> out;
    for (uint32_t i = 0; i < count; ++i) {
        if (at + 46 > zip.size() || le(zip, at, 4) != 0x02014b50) return damaged("bad directory");
        Entry e{le(zip, at + 10, 2), le(zip, at + 20, 4), le(zip, at + 24, 4), le(zip, at + 42, 4)};
        uint32_t name = le(zip, at + 28, 2), extra = le(zip, at + 30, 2),
                 comment = le(zip, at + 32, 2);
        if (at + 46 + name > zip.size()) return damaged("bad directory");
        out[std::string(zip.substr(at + 46, name))] = e;
        at += 46 + name + extra + comment;
    }
    return out;
}

Result<std::string> part(std::string_view zip, const std::map<std::string, Entry>& dir,
                         const std::string& name) {
    auto it = dir.find(name);
    if (it == dir.end()) return damaged("no part " + name);
    const Entry& e = it->second;
    if (size_t(e.local) + 30 > zip.size() || le(zip, e.local, 4) != 0x04034b50)
        return damaged("bad entry " + name);
    size_t data = e.local + 30 + le(zip, e.local + 26, 2) + le(zip, e.local + 28, 2);
    if (data + e.packed > zip.size()) return damaged("truncated " + name);
    std::string_view packed = zip.substr(data, e.packed);
    if (e.method == 0) return std::string(packed);
    if (e.method != 8) return damaged(name + " uses a compression other than deflate");
    if (e.size > 256u << 20) return damaged(name + " is too large");
    std::string out(e.size, '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return damaged("zlib");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    z.avail_in = static_cast<uInt>(packed.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    if (rc != Z_STREAM_END || z.total_out != e.size) return damaged(name + " does not inflate");
    return out;
}

std::string unescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        size_t semi;
        if (s[i] != '&' || (semi = s.find(';', i)) == std::string_view::npos) {
            out += s[i];
            continue;
        }
        std::string_view name = s.substr(i + 1, semi - i - 1);
        if (name == "amp")
            out += '&';
        else if (name == "lt")
            out += '<';
        else if (name == "gt")
            out += '>';
        else if (name == "quot")
            out += '"';
        else if (name == "apos")
            out += '\'';
        else if (!name.empty() && name[0] == '#') {
            uint32_t cp = std::strtoul(std::string(name.substr(name[1] == 'x' ? 2 : 1)).c_str(),
                                       nullptr, name[1] == 'x' ? 16 : 10);
            if (cp < 0x80) {
                out += char(cp);
            } else if (cp < 0x800) {
                out += char(0xC0 | cp >> 6);
                out += char(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out += char(0xE0 | cp >> 12);
                out += char(0x80 | (cp >> 6 & 0x3F));
                out += char(0x80 | (cp & 0x3F));
            } else {
                out += char(0xF0 | cp >> 18);
                out += char(0x80 | (cp >> 12 & 0x3F));
                out += char(0x80 | (cp >> 6 & 0x3F));
                out += char(0x80 | (cp & 0x3F));
            }
        } else {
            out.append(s.substr(i, semi - i + 1));
        }
        i = semi;
    }
    return out;
}

// The next element `<tag …>…</tag>` (or `<tag …/>`) from `at`: its attributes' text and its
// content; at moves past it. Tags with a longer name of the same start (<c> vs <cols>) are
// skipped.
struct Element {
    std::string_view attrs, content;
};
std::optional<Element> next(std::string_view xml, size_t& at, std::string_view tag) {
    const std::string open = "<" + std::string(tag);
    while ((at = xml.find(open, at)) != std::string_view::npos) {
        size_t after = at + open.size();
        if (after >= xml.size()) return std::nullopt;
        char c = xml[after];
        if (c != ' ' && c != '>' && c != '/') {
            at = after;
            continue;
        }
        size_t close = xml.find('>', after);
        if (close == std::string_view::npos) return std::nullopt;
        Element e{xml.substr(after, close - after), {}};
        if (xml[close - 1] == '/') {
            e.attrs.remove_suffix(1);
            at = close + 1;
            return e;
        }
        const std::string end = "</" + std::string(tag) + ">";
        size_t stop = xml.find(end, close);
        if (stop == std::string_view::npos) return std::nullopt;
        e.content = xml.substr(close + 1, stop - close - 1);
        at = stop + end.size();
        return e;
    }
    return std::nullopt;
}

std::string attr(std::string_view attrs, std::string_view name) {
    const std::string key = " " + std::string(name) + "=\"";
    size_t at = attrs.find(key);
    if (at == std::string_view::npos) return "";
    at += key.size();
    size_t end = attrs.find('"', at);
    return end == std::string_view::npos ? "" : unescape(attrs.substr(at, end - at));
}

// All <t> texts inside (a rich-text string is several runs).
std::string texts(std::string_view xml) {
    std::string out;
    size_t at = 0;
    while (auto t = next(xml, at, "t")) out += unescape(t->content);
    return out;
}

}  // namespace

Result<Rows> read_xlsx(const std::string& bytes) {
    auto dir = directory(bytes);
    if (!dir) return dir.error();
    auto workbook = part(bytes, *dir, "xl/workbook.xml");
    if (!workbook) return workbook.error();
    size_t at = 0;
    auto sheet = next(*workbook, at, "sheet");
    if (!sheet) return damaged("no worksheet");
    std::string id = attr(sheet->attrs, "r:id"), target;
    auto rels = part(bytes, *dir, "xl/_rels/workbook.xml.rels");
    if (!rels) return rels.error();
    at = 0;
    while (auto rel = next(*rels, at, "Relationship"))
        if (attr(rel->attrs, "Id") == id) target = attr(rel->attrs, "Target");
    if (target.empty()) return damaged("the first worksheet has no part");
    target = target[0] == '/' ? target.substr(1) : "xl/" + target;

    std::vector<std::string> shared;
    if (dir->count("xl/sharedStrings.xml")) {
        auto strings = part(bytes, *dir, "xl/sharedStrings.xml");
        if (!strings) return strings.error();
        at = 0;
        while (auto si = next(*strings, at, "si")) shared.push_back(texts(si->content));
    }
    auto xml = part(bytes, *dir, target);
    if (!xml) return xml.error();

    Rows rows;
    at = 0;
    while (auto row = next(*xml, at, "row")) {
        size_t number = std::strtoul(attr(row->attrs, "r").c_str(), nullptr, 10);
        if (number == 0 || number > 1'048'576) number = rows.size() + 1;
        if (number < rows.size() + 1) return damaged("rows out of order");
        rows.resize(number);
        std::vector<std::string>& cells = rows.back();
        size_t in = 0;
        while (auto c = next(row->content, in, "c")) {
            std::string ref = attr(c->attrs, "r");
            size_t column = 0;
            for (char ch : ref)
                if (ch >= 'A' && ch <= 'Z') column = column * 26 + size_t(ch - 'A' + 1);
            column = column ? column - 1 : cells.size();
            if (column > 16383) return damaged("a column past XFD");
            std::string type = attr(c->attrs, "t"), value;
            size_t v = 0;
            if (type == "inlineStr") {
                if (auto is = next(c->content, v, "is")) value = texts(is->content);
            } else if (auto e = next(c->content, v, "v")) {
                value = unescape(e->content);
                if (type == "s") {
                    size_t i = std::strtoul(value.c_str(), nullptr, 10);
                    if (i >= shared.size()) return damaged("a string index out of range");
                    value = shared[i];
                }
            }
            if (cells.size() <= column) cells.resize(column + 1);
            cells[column] = std::move(value);
        }
    }
    return rows;
}

}  // namespace onestop::report
