#pragma once
// QR codes (libqrencode) as a module matrix; Painter::qr draws one.

#include <string>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::ui {

class QrCode {
  public:
    // Byte-mode, error correction level M.
    static Result<QrCode> encode(const std::string& text);
    int size() const { return size_; }  // modules per side, without the quiet zone
    bool dark(int x, int y) const { return modules_[static_cast<size_t>(y * size_ + x)]; }
    const std::string& text() const { return text_; }

  private:
    int size_ = 0;
    std::vector<bool> modules_;
    std::string text_;
};

}  // namespace onestop::ui
