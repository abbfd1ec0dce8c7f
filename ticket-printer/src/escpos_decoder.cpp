// Decodes the ESC/POS subset into blocks of paper. Written for hostile input: every
// read is bounds-checked, a command cut short ends decoding, and sizes are capped.
#include <algorithm>

#include "onestop/printer/virtual_printer.h"

namespace onestop::printer {

namespace {

constexpr uint8_t LF = 0x0A, CR = 0x0D, HT = 0x09, ESC = 0x1B, GS = 0x1D, FS = 0x1C, DLE = 0x10;
constexpr size_t kMaxBlocks = 20000;
constexpr int kMaxImageRows = 8000;  // 1 m of paper
constexpr int kLineDots = 30;        // default line spacing (ESC 2), in dots

class Decoder {
  public:
    Decoder(std::span<const uint8_t> in, const Profile& profile)
        : in_(in),
          profile_(profile),
          kanji_default_(profile.encoding != TextEncoding::Utf8),
          kanji_(kanji_default_) {}

    Paper run() {
        while (pos_ < in_.size() && paper_.blocks.size() < kMaxBlocks) {
            if (!step()) {
                paper_.truncated = true;
                break;
            }
        }
        flush_line(false);
        return std::move(paper_);
    }

  private:
    // True if n more bytes are there (after the current position).
    bool has(size_t n) const { return in_.size() - pos_ >= n; }
    uint8_t at(size_t offset) const { return in_[pos_ + offset]; }

    // One command or one text byte. False when the input ends inside a command.
    bool step() {
        uint8_t b = at(0);
        switch (b) {
            case LF:
                ++pos_;
                flush_line(true);
                return true;
            case CR:
                ++pos_;
                return true;
            case HT:
                ++pos_;
                raw_ += ' ';
                return true;
            case ESC:
                return esc();
            case GS:
                return gs();
            case FS:
                return fs();
            case DLE:
                return dle();
            default:
                ++pos_;
                if (b >= 0x20) raw_ += static_cast<char>(b);
                return true;  // other control bytes print nothing
        }
    }

    bool skip(size_t n) {  // a command of n bytes we pass over
        if (!has(n)) return false;
        pos_ += n;
        ++paper_.skipped_commands;
        return true;
    }

    bool esc() {
        if (!has(2)) return false;
        uint8_t c = at(1);
        switch (c) {
            case '@':
                pos_ += 2;
                raw_.clear();  // a printer drops what it has not printed yet
                line_ = TextLine{};
                align_ = Align::Left;
                bold_ = false;
                kanji_ = kanji_default_;
                width_ = height_ = 1;
                set_area(0, 0);
                return true;
            case 'a':
                if (!has(3)) return false;
                // n may be 0..2 or the ASCII digits '0'..'2'.
                align_ = (at(2) == 1 || at(2) == '1')   ? Align::Center
                         : (at(2) == 2 || at(2) == '2') ? Align::Right
                                                        : Align::Left;
                if (line_.spans.empty() && raw_.empty()) line_.align = align_;
                pos_ += 3;
                return true;
            case 'E':
                if (!has(3)) return false;
                set_style((at(2) & 1) != 0, width_, height_);
                pos_ += 3;
                return true;
            case '!':  // print mode: bit 3 bold, 4 double height, 5 double width
                if (!has(3)) return false;
                set_style((at(2) & 0x08) != 0, (at(2) & 0x20) ? 2 : 1, (at(2) & 0x10) ? 2 : 1);
                pos_ += 3;
                return true;
            case 'd':  // print and feed n lines
                if (!has(3)) return false;
                flush_line(false);
                add(FeedBlock{at(2) * kLineDots});
                pos_ += 3;
                return true;
            case 'J':  // print and feed n dots
                if (!has(3)) return false;
                flush_line(false);
                add(FeedBlock{at(2)});
                pos_ += 3;
                return true;
            case 'i':
            case 'm':
                flush_line(false);
                add(CutBlock{c == 'm'});
                pos_ += 2;
                return true;
            case '2':
                return skip(2);
            case '-':
            case '3':
            case 't':
            case 'R':
            case 'M':
            case 'G':
            case 'V':
            case '{':
            case ' ':
            case 'U':
            case '=':
            case '%':
            case '?':
            case 'r':
            case 'e':
            case 'L':
            case 'S':
            case 'T':
                return skip(3);
            case 'c':  // ESC c 3/4/5 n
                return skip(4);
            case 'p':
                return skip(5);
            case '$':
            case '\\':
            case 'W':
                return skip(c == 'W' ? 10 : 4);
            case 'D': {  // tab positions, NUL-terminated
                size_t end = pos_ + 2;
                while (end < in_.size() && in_[end] != 0) ++end;
                if (end >= in_.size()) return false;
                return skip(end - pos_ + 1);
            }
            case '*': {  // bit image: m nL nH, n columns of 1 or 3 bytes
                if (!has(5)) return false;
                size_t n = at(3) + 256u * at(4);
                size_t per = (at(2) == 32 || at(2) == 33) ? 3 : 1;
                return skip(5 + n * per);
            }
            default:
                return skip(2);
        }
    }

    bool gs() {
        if (!has(2)) return false;
        uint8_t c = at(1);
        switch (c) {
            case '!':
                if (!has(3)) return false;
                set_style(bold_, ((at(2) >> 4) & 7) + 1, (at(2) & 7) + 1);
                pos_ += 3;
                return true;
            case 'V':
                return cut();
            case '(':
                return gs_paren();
            case 'v':
                return raster();
            case 'k':
                return barcode();
            case 'B':
            case 'H':
            case 'h':
            case 'w':
            case 'f':
            case 'a':
            case 'r':
            case 'I':
            case '/':
            case 'T':
            case 'b':
            case 'c':
            case 'j':
                return skip(3);
            case 'L':  // left margin and print area width, in (default) motion units = dots
            case 'W':
                if (!has(4)) return false;
                // Taken only at the start of a line, as printers do.
                if (line_.spans.empty() && raw_.empty()) {
                    int n = at(2) + 256 * at(3);
                    if (c == 'L')
                        set_area(n, area_width_);
                    else
                        set_area(area_left_, std::max(n, 1));
                }
                pos_ += 4;
                return true;
            case '$':
            case '\\':
            case 'P':
                return skip(4);
            case '^':
                return skip(5);
            case '*': {  // define downloaded image: x y, x*y*8 bytes
                if (!has(4)) return false;
                return skip(4 + static_cast<size_t>(at(2)) * at(3) * 8);
            }
            default:
                return skip(2);
        }
    }

    bool cut() {
        if (!has(3)) return false;
        uint8_t m = at(2);
        bool with_feed = m == 65 || m == 66 || m >= 97;
        if (with_feed && !has(4)) return false;
        flush_line(false);
        if (with_feed && at(3) > 0) add(FeedBlock{at(3)});
        bool partial = m == 1 || m == 49 || m == 66 || m == 98 || m == 104;
        add(CutBlock{partial});
        pos_ += with_feed ? 4 : 3;
        return true;
    }

    // GS ( X pL pH … : every function of this family carries its own length.
    bool gs_paren() {
        if (!has(5)) return false;
        size_t len = at(3) + 256u * at(4);
        if (!has(5 + len)) return false;
        if (at(2) != 'k' || len < 2 || at(5) != 49) return skip(5 + len);  // not QR
        const uint8_t* p = &in_[pos_ + 5];
        uint8_t fn = p[1];
        switch (fn) {
            case 67:  // module size
                if (len >= 3) qr_module_ = std::clamp<int>(p[2], 1, 16);
                break;
            case 69:  // error correction 48..51
                if (len >= 3 && p[2] >= 48 && p[2] <= 51) qr_ec_ = "LMQH"[p[2] - 48];
                break;
            case 80:  // store
                if (len >= 3) qr_data_.assign(reinterpret_cast<const char*>(p + 3), len - 3);
                break;
            case 81:  // print what was stored
                flush_line(false);
                if (!qr_data_.empty()) add(QrBlock{align_, qr_data_, qr_module_, qr_ec_});
                break;
            default:
                break;  // model (65) and size queries (82) change nothing on paper
        }
        pos_ += 5 + len;
        return true;
    }

    bool raster() {
        if (!has(8)) return false;
        if (at(2) != '0' && at(2) != 0) return skip(2);
        int mode = at(3) & 0x03;  // bit 0: double width, bit 1: double height (also '0'..'3')
        int row_bytes = at(4) + 256 * at(5);
        int rows = at(6) + 256 * at(7);
        size_t size = static_cast<size_t>(row_bytes) * rows;
        if (!has(8 + size)) return false;
        flush_line(false);
        int sx = (mode & 1) ? 2 : 1, sy = (mode & 2) ? 2 : 1;
        int width = row_bytes * 8 * sx, height = rows * sy;
        if (rows > 0 && row_bytes > 0 && height <= kMaxImageRows &&
            width <= 8 * profile_.width_bytes() * 2) {
            add(scaled_image(&in_[pos_ + 8], row_bytes, rows, sx, sy));
        } else {
            ++paper_.skipped_commands;
        }
        pos_ += 8 + size;
        return true;
    }

    ImageBlock scaled_image(const uint8_t* src, int row_bytes, int rows, int sx, int sy) const {
        ImageBlock img{align_, row_bytes * 8 * sx, rows * sy, {}};
        if (sx == 1 && sy == 1) {
            img.bits.assign(src, src + static_cast<size_t>(row_bytes) * rows);
            return img;
        }
        int out_row = (img.width_dots + 7) / 8;
        img.bits.assign(static_cast<size_t>(out_row) * img.height_dots, 0);
        for (int y = 0; y < img.height_dots; ++y) {
            for (int x = 0; x < img.width_dots; ++x) {
                int from_x = x / sx, from_y = y / sy;
                if (src[static_cast<size_t>(from_y) * row_bytes + from_x / 8] &
                    (0x80 >> (from_x % 8))) {
                    img.bits[static_cast<size_t>(y) * out_row + x / 8] |=
                        static_cast<uint8_t>(0x80 >> (x % 8));
                }
            }
        }
        return img;
    }

    bool barcode() {  // GS k: printed by nothing here, but its length must be right
        if (!has(3)) return false;
        uint8_t m = at(2);
        if (m <= 6) {
            size_t end = pos_ + 3;
            while (end < in_.size() && in_[end] != 0) ++end;
            if (end >= in_.size()) return false;
            return skip(end - pos_ + 1);
        }
        if (!has(4)) return false;
        return skip(4 + at(3));
    }

    bool fs() {
        if (!has(2)) return false;
        switch (at(1)) {
            case '&':
                flush_raw();
                kanji_ = true;
                pos_ += 2;
                return true;
            case '.':
                flush_raw();
                kanji_ = false;
                pos_ += 2;
                return true;
            case '!':
            case '-':
            case 'C':
            case 'W':
                return skip(3);
            case 'S':
            case 'p':
                return skip(4);
            case '2':
                return skip(4 + 72);
            default:
                return skip(2);
        }
    }

    bool dle() {
        if (!has(3)) return false;
        if (at(1) == 0x04) {  // real-time status query: answered by the link, not paper
            ++paper_.status_queries;
            paper_.status_bytes += 3;
            pos_ += 3;
            return true;
        }
        if (at(1) == 0x14) return skip(5);  // DLE DC4 fn m t
        return skip(3);                     // DLE ENQ n and others
    }

    void set_area(int left, int width) {
        if (left == area_left_ && width == area_width_) return;
        area_left_ = left;
        area_width_ = width;
        add(AreaBlock{left, width});
    }

    void set_style(bool bold, int w, int h) {
        if (bold == bold_ && w == width_ && h == height_) return;
        flush_raw();
        bold_ = bold;
        width_ = w;
        height_ = h;
    }

    // Text bytes so far become a span with the style they were sent in.
    void flush_raw() {
        if (raw_.empty()) return;
        std::string utf8;
        if (profile_.encoding == TextEncoding::Utf8) {
            utf8 = decode_text(raw_, TextEncoding::Utf8);
        } else if (kanji_) {
            utf8 = decode_text(raw_, profile_.encoding);
        } else {
            for (char ch : raw_)
                utf8 += static_cast<unsigned char>(ch) < 0x80 ? std::string(1, ch) : "?";
        }
        if (line_.spans.empty()) line_.align = align_;
        line_.spans.push_back({std::move(utf8), bold_, width_, height_});
        raw_.clear();
    }

    // Ends the current line. `always`: an empty line still takes its height (LF).
    void flush_line(bool always) {
        flush_raw();
        if (line_.spans.empty() && !always) return;
        if (line_.spans.empty()) line_.spans.push_back({"", bold_, width_, height_});
        add(std::move(line_));
        line_ = TextLine{};
        line_.align = align_;
    }

    template <typename B>
    void add(B&& block) {
        if (paper_.blocks.size() < kMaxBlocks)
            paper_.blocks.emplace_back(std::in_place_type<std::decay_t<B>>, std::forward<B>(block));
    }

    std::span<const uint8_t> in_;
    const Profile& profile_;
    size_t pos_ = 0;
    Paper paper_;
    TextLine line_;
    std::string raw_;
    Align align_ = Align::Left;
    // Chinese models start (and reset with ESC @) in Kanji mode, so streams from other
    // software that never send FS & still print Chinese.
    bool kanji_default_;
    bool bold_ = false, kanji_;
    int width_ = 1, height_ = 1;
    int area_left_ = 0, area_width_ = 0;  // as in AreaBlock
    std::string qr_data_;
    int qr_module_ = 3;
    char qr_ec_ = 'L';
};

}  // namespace

Paper decode_escpos(std::span<const uint8_t> bytes, const Profile& profile) {
    return Decoder(bytes, profile).run();
}

}  // namespace onestop::printer
