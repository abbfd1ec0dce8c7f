#pragma once
// The asset register's vocabulary (第三十三条): the four categories the regulations name,
// the tags printed on labels, and where an asset is (a window or a room).

#include <cstdint>
#include <optional>
#include <string>

namespace onestop::assets {

// 固定资产 办公用品 电脑耗材 低值易耗品. A fixed asset is one thing with a keeper; the others
// are stock counted by quantity, which requisitions take from.
enum class Category { Fixed, Office, ItConsumable, LowValue };
std::optional<Category> parse_category(const std::string& code);
const char* to_string(Category category);  // fixed office it_consumable low_value
const char* name_zh(Category category);
bool counted(Category category);  // stock with a quantity (everything but fixed assets)

// The tags the hub gives: ZC-000123 (资产), numbered from 1 in the order registered.
std::string format_tag(int64_t n);
// A hall's own tags (imported from its earlier register) are kept as they are when they are
// 1–32 characters of A–Z a–z 0–9 - _ . : what a label's QR, a scanner and a URL path
// carry safely.
bool valid_tag(const std::string& tag);

// Where an asset is: "window:3" (a window of the hall) or a room's name ("北区101室",
// "仓库"). Answers the window's number, 0 for a room.
int window_of(const std::string& location);
// A location as written to the register: "window:N" (N > 0, leading zeros dropped) or a
// room of 1–64 bytes without control characters. nullopt when it is neither.
std::optional<std::string> normal_location(const std::string& text);

}  // namespace onestop::assets
