#include "onestop/ui/script.h"
#include "onestop/base/error_codes.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace onestop::ui {

namespace {

std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) return {};
    size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

bool parse_int(const std::string& s, int& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    if (*end != '\0' || v < 0 || v > 100000000) return false;
    out = static_cast<int>(v);
    return true;
}

}  // namespace

Result<std::vector<ScriptStep>> parse_script(const std::string& text, const std::string& source) {
    std::vector<ScriptStep> steps;
    std::istringstream in(text);
    std::string raw;
    int line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        size_t sp = line.find_first_of(" \t");
        std::string cmd = line.substr(0, sp);
        std::string arg = sp == std::string::npos ? "" : trim(line.substr(sp));
        auto fail = [&](const std::string& why) {
            return make_error(errc::bad_script, source + ":" + std::to_string(line_no) + ": " +
                                                    why + ": '" + line + "'");
        };
        ScriptStep st;
        st.kind = ScriptStep::Kind::Wait;
        st.line = line_no;
        if (cmd == "tap") {
            std::istringstream a(arg);
            std::string xs, ys, extra;
            a >> xs >> ys >> extra;
            if (!parse_int(xs, st.x) || !parse_int(ys, st.y) || !extra.empty())
                return fail("tap needs two pixel coordinates");
            st.kind = ScriptStep::Kind::Tap;
        } else if (cmd == "tap-text") {
            if (arg.empty()) return fail("tap-text needs the text of a button");
            st.kind = ScriptStep::Kind::TapText;
            st.text = arg;
        } else if (cmd == "key") {
            if (arg.empty() || arg.find(' ') != std::string::npos)
                return fail("key needs one key name");
            st.kind = ScriptStep::Kind::Key;
            st.text = arg;
        } else if (cmd == "wait") {
            if (!parse_int(arg, st.ms)) return fail("wait needs milliseconds");
            st.kind = ScriptStep::Kind::Wait;
        } else if (cmd == "shot") {
            if (arg.empty()) return fail("shot needs a file name");
            st.kind = ScriptStep::Kind::Shot;
            st.text = arg;
        } else if (cmd == "expect" || cmd == "expect-gone") {
            // "expect TEXT" or "expect TEXT MS": a trailing number is the time limit.
            st.kind = cmd == "expect" ? ScriptStep::Kind::Expect : ScriptStep::Kind::ExpectGone;
            st.ms = 5000;
            size_t last = arg.find_last_of(" \t");
            int ms = 0;
            if (last != std::string::npos && parse_int(arg.substr(last + 1), ms)) {
                st.ms = ms;
                arg = trim(arg.substr(0, last));
            }
            if (arg.empty()) return fail("expect needs a text");
            st.text = arg;
        } else {
            return fail("unknown step '" + cmd + "'");
        }
        steps.push_back(std::move(st));
    }
    return steps;
}

Result<std::vector<ScriptStep>> load_script(const std::string& file) {
    std::ifstream in(file);
    if (!in) return make_error(errc::bad_script, "cannot read script " + file);
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_script(ss.str(), file);
}

}  // namespace onestop::ui
