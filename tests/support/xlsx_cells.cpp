#include "xlsx_cells.h"

#include <fstream>
#include <stdexcept>
#include <vector>

#include "child_process.h"
#include "temp_dir.h"

namespace onestop::test {

namespace {

const char* const kUnzip = "/usr/bin/unzip";

std::string unzip_member(const std::filesystem::path& file, const std::string& member) {
    RunResult r = run_program({kUnzip, "-p", file.string(), member});
    if (r.status != 0) throw std::runtime_error("unzip " + member + ": " + r.err);
    return r.out;
}

// The XML text unescaped (&amp; &lt; &gt; &quot; &apos;).
std::string unescape(const std::string& s) {
    static const std::vector<std::pair<std::string, std::string>> kEntities = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    std::string out;
    for (size_t i = 0; i < s.size();) {
        bool done = false;
        for (const auto& [entity, text] : kEntities)
            if (s.compare(i, entity.size(), entity) == 0) {
                out += text;
                i += entity.size();
                done = true;
                break;
            }
        if (!done) out += s[i++];
    }
    return out;
}

// Every text between `open`'s end ('>') and the next `close` after each `open`.
std::vector<std::string> between(const std::string& xml, const std::string& open,
                                 const std::string& close) {
    std::vector<std::string> out;
    for (size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
        size_t start = xml.find('>', at);
        size_t end = xml.find(close, start);
        if (start == std::string::npos || end == std::string::npos) break;
        out.push_back(xml.substr(start + 1, end - start - 1));
    }
    return out;
}

std::string attribute(const std::string& tag, const std::string& name) {
    size_t at = tag.find(" " + name + "=\"");
    if (at == std::string::npos) return "";
    at += name.size() + 3;
    return tag.substr(at, tag.find('"', at) - at);
}

}  // namespace

std::string xlsx_column(int index) {
    std::string out;
    for (++index; index > 0; index = (index - 1) / 26)
        out.insert(out.begin(), char('A' + (index - 1) % 26));
    return out;
}

std::map<std::string, std::string> xlsx_cells(const std::string& bytes) {
    TempDir dir;
    auto file = dir / "book.xlsx";
    std::ofstream(file, std::ios::binary) << bytes;
    std::vector<std::string> shared;
    // A workbook of numbers only has no shared strings.
    RunResult listing = run_program({kUnzip, "-l", file.string()});
    if (listing.status != 0) throw std::runtime_error("not a zip archive: " + listing.err);
    if (listing.out.find("xl/sharedStrings.xml") != std::string::npos)
        for (const auto& si : between(unzip_member(file, "xl/sharedStrings.xml"), "<si", "</si>")) {
            std::string text;
            for (const auto& t : between(si, "<t", "</t>")) text += unescape(t);
            shared.push_back(text);
        }
    std::string sheet = unzip_member(file, "xl/worksheets/sheet1.xml");
    std::map<std::string, std::string> cells;
    for (size_t at = sheet.find("<c "); at != std::string::npos; at = sheet.find("<c ", at + 1)) {
        size_t tag_end = sheet.find('>', at);
        std::string tag = sheet.substr(at, tag_end - at);
        if (tag.back() == '/') continue;  // an empty, styled cell
        size_t end = sheet.find("</c>", tag_end);
        std::string inner = sheet.substr(tag_end + 1, end - tag_end - 1);
        auto v = between(inner, "<v", "</v>");
        if (v.empty()) continue;
        std::string value = unescape(v.front());
        if (attribute(tag, "t") == "s") value = shared.at(std::stoul(value));
        cells[attribute(tag, "r")] = value;
    }
    return cells;
}

}  // namespace onestop::test
