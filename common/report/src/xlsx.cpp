#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "onestop/base/error_codes.h"
#include "onestop/report/table.h"

namespace onestop::report {

namespace {

// A file of our own under the temporary folder, removed when this goes: libxlsxwriter
// 1.1.4 (Debian 12) writes workbooks only to a named file.
class TempFile {
  public:
    TempFile() {
        path_ = (std::filesystem::temp_directory_path() / "onestop-report-XXXXXX.xlsx").string();
        int fd = mkstemps(path_.data(), 5);
        if (fd < 0)
            path_.clear();
        else
            close(fd);
    }
    ~TempFile() {
        if (!path_.empty()) unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// Column width in characters: a CJK character shows about twice as wide as a Latin one.
double display_width(const std::string& text) {
    double width = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80)
            width += 1;
        else if (byte >= 0xE0)
            width += 2;  // the lead byte of a 3- or 4-byte sequence (CJK and beyond)
    }
    return width;
}

}  // namespace

Result<std::string> to_xlsx(const Table& table) {
    TempFile file;
    if (file.path().empty())
        return make_error(errc::internal, "no temporary file for the workbook");
    lxw_workbook* workbook = workbook_new(file.path().c_str());
    if (!workbook) return make_error(errc::internal, "libxlsxwriter could not start a workbook");
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, table.title.substr(0, 31).c_str());
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    lxw_format* measure = workbook_add_format(workbook);
    format_set_num_format(measure, "0.0");

    std::vector<double> widths(table.columns.size(), 8);
    for (size_t c = 0; c < table.columns.size(); ++c) {
        std::string text = heading(table.columns[c]);
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), text.c_str(), bold);
        widths[c] = std::max(widths[c], display_width(table.columns[c].en) + 2);
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
        auto row = static_cast<lxw_row_t>(r + 1);
        for (size_t c = 0; c < table.rows[r].size() && c < widths.size(); ++c) {
            auto col = static_cast<lxw_col_t>(c);
            const Cell& cell = table.rows[r][c];
            if (const auto* text = std::get_if<std::string>(&cell)) {
                // write_string keeps "=…" as text: Excel never runs it as a formula.
                worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
                widths[c] = std::max(widths[c], display_width(*text) + 2);
            } else if (const auto* count = std::get_if<int64_t>(&cell)) {
                worksheet_write_number(sheet, row, col, static_cast<double>(*count), nullptr);
            } else if (const auto* value = std::get_if<double>(&cell)) {
                worksheet_write_number(sheet, row, col, *value, measure);
            }
        }
    }
    for (size_t c = 0; c < widths.size(); ++c)
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             std::min(widths[c], 60.0), nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
    if (lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR)
        return make_error(
            errc::internal,
            std::string("libxlsxwriter could not write the workbook: ") + lxw_strerror(error));
    std::ifstream in(file.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) return make_error(errc::internal, "could not read back the workbook " + file.path());
    return bytes.str();
}

}  // namespace onestop::report
