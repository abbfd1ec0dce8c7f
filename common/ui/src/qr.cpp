#include "onestop/ui/qr.h"
#include "onestop/base/error_codes.h"

#include <qrencode.h>

namespace onestop::ui {

Result<QrCode> QrCode::encode(const std::string& text) {
    QRcode* q = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
    if (!q) return make_error(errc::qr_failed, "cannot encode a QR code for '" + text + "'");
    QrCode code;
    code.size_ = q->width;
    code.text_ = text;
    code.modules_.resize(static_cast<size_t>(q->width * q->width));
    for (int i = 0; i < q->width * q->width; ++i)
        code.modules_[static_cast<size_t>(i)] = (q->data[i] & 1) != 0;
    QRcode_free(q);
    return code;
}

}  // namespace onestop::ui
