#pragma once
// The cells of an .xlsx workbook's first worksheet, read back for checks cell by cell:
// the archive is opened with Info-ZIP's unzip (Debian's `unzip`), the sheet's XML and its
// shared strings are read by hand (libxlsxwriter writes one plain shape).

#include <map>
#include <string>

namespace onestop::test {

// "A1" → the cell's text (a shared string, or a number as written); empty cells are absent.
// Throws std::runtime_error when the bytes are not a workbook unzip can read.
std::map<std::string, std::string> xlsx_cells(const std::string& bytes);

// The spreadsheet name of column `index` (0 → "A", 26 → "AA").
std::string xlsx_column(int index);

}  // namespace onestop::test
