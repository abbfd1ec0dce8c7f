#include "html.h"

namespace onestop::hub {

config::Lang page_lang(const Request& req) {
    return req.get_param_value("lang") == "en" ? config::Lang::En : config::Lang::Zh;
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string fill(const std::string& templ, const std::map<std::string, std::string>& slots) {
    std::string out;
    size_t pos = 0;
    for (;;) {
        size_t open = templ.find("{{", pos);
        if (open == std::string::npos) break;
        size_t close = templ.find("}}", open + 2);
        if (close == std::string::npos) break;
        out.append(templ, pos, open - pos);
        auto it = slots.find(templ.substr(open + 2, close - open - 2));
        if (it != slots.end()) out += it->second;
        pos = close + 2;
    }
    out.append(templ, pos, std::string::npos);
    return out;
}

}  // namespace onestop::hub
