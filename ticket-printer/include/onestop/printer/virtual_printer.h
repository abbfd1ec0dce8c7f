#pragma once
// The virtual printer: decodes an ESC/POS stream into what would be on the paper and
// renders that as a PNG at the profile's width. Decoding never trusts its input:
// unknown commands are skipped, truncated ones end the stream, sizes are bounded.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/printer/encoder.h"
#include "onestop/printer/profile.h"

namespace onestop::printer {

struct TextSpan {
    std::string utf8;
    bool bold = false;
    int width = 1, height = 1;  // GS ! multipliers
};
struct TextLine {  // ended by LF (or a command that flushes the line)
    Align align = Align::Left;
    std::vector<TextSpan> spans;
};
struct QrBlock {  // from GS ( k, re-encoded when rendered
    Align align = Align::Left;
    std::string data;
    int module_dots = 3;
    char ec = 'M';  // L M Q H
};
struct ImageBlock {  // from GS v 0, MSB-first rows
    Align align = Align::Left;
    int width_dots = 0, height_dots = 0;
    std::vector<uint8_t> bits;
};
struct FeedBlock {
    int dots = 0;
};
struct CutBlock {
    bool partial = false;
};
struct AreaBlock {  // GS L / GS W (ESC @ resets): where the lines after it print
    int left = 0;   // dots from the paper's left edge
    int width = 0;  // dots; 0 (or more than is left): to the paper's right edge
};
using Block = std::variant<TextLine, QrBlock, ImageBlock, FeedBlock, CutBlock, AreaBlock>;

struct Paper {
    std::vector<Block> blocks;
    int status_queries = 0;    // DLE EOT n seen
    size_t status_bytes = 0;   // bytes those took (a job made only of them is no job)
    int skipped_commands = 0;  // unknown or unsupported commands passed over
    bool truncated = false;    // the stream ended inside a command
};

// Decodes with the profile's text encoding and width. Never fails; bad input yields
// fewer blocks and counts in `skipped_commands` / `truncated`.
Paper decode_escpos(std::span<const uint8_t> bytes, const Profile& profile);

// Renders the paper as a PNG file: white background, the profile's width in dots,
// Noto Sans CJK text. The height follows the content (bounded); a dashed line marks
// each cut. Software surfaces only: no window or display is needed.
// The paper the job takes, in dots (8 per mm), as render_png_file would draw it.
Result<int> paper_length_dots(const Paper& paper, const Profile& profile);
Status render_png_file(const Paper& paper, const Profile& profile,
                       const std::filesystem::path& out);

}  // namespace onestop::printer
