#include "onestop/assets/register.h"

#include <cstdio>

namespace onestop::assets {

namespace {

struct CategoryName {
    Category category;
    const char* code;
    const char* zh;
};

constexpr CategoryName kCategories[] = {
    {Category::Fixed, "fixed", "固定资产"},
    {Category::Office, "office", "办公用品"},
    {Category::ItConsumable, "it_consumable", "电脑耗材"},
    {Category::LowValue, "low_value", "低值易耗品"},
};

}  // namespace

std::optional<Category> parse_category(const std::string& code) {
    for (const auto& c : kCategories)
        if (code == c.code) return c.category;
    return std::nullopt;
}

const char* to_string(Category category) {
    for (const auto& c : kCategories)
        if (c.category == category) return c.code;
    return "fixed";
}

const char* name_zh(Category category) {
    for (const auto& c : kCategories)
        if (c.category == category) return c.zh;
    return "固定资产";
}

bool counted(Category category) {
    return category != Category::Fixed;
}

std::string format_tag(int64_t n) {
    char tag[32];
    std::snprintf(tag, sizeof tag, "ZC-%06lld", static_cast<long long>(n));
    return tag;
}

bool valid_tag(const std::string& tag) {
    if (tag.empty() || tag.size() > 32) return false;
    for (char ch : tag) {
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
        if (!ok) return false;
    }
    return true;
}

int window_of(const std::string& location) {
    const std::string prefix = "window:";
    if (location.compare(0, prefix.size(), prefix) != 0) return 0;
    std::string digits = location.substr(prefix.size());
    if (digits.empty() || digits.size() > 4) return 0;
    int n = 0;
    for (char ch : digits) {
        if (ch < '0' || ch > '9') return 0;
        n = n * 10 + (ch - '0');
    }
    return n;
}

std::optional<std::string> normal_location(const std::string& text) {
    if (text.compare(0, 7, "window:") == 0) {
        int n = window_of(text);
        if (n <= 0) return std::nullopt;
        return "window:" + std::to_string(n);
    }
    if (text.empty() || text.size() > 64) return std::nullopt;
    for (unsigned char ch : text)
        if (ch < 0x20 || ch == 0x7f) return std::nullopt;
    return text;
}

}  // namespace onestop::assets
