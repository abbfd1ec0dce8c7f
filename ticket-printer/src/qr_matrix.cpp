#include "qr_matrix.h"

#include <qrencode.h>

#include <memory>
#include <string>

namespace onestop::printer {

std::optional<QrMatrix> make_qr(std::string_view data, char ec_level) {
    if (data.empty()) return std::nullopt;
    QRecLevel level = ec_level == 'L'   ? QR_ECLEVEL_L
                      : ec_level == 'Q' ? QR_ECLEVEL_Q
                      : ec_level == 'H' ? QR_ECLEVEL_H
                                        : QR_ECLEVEL_M;
    // QRcode_encodeData takes bytes with a length, so NULs inside the data survive.
    std::string copy(data);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(copy.size()),
                          reinterpret_cast<const unsigned char*>(copy.data()), 0, level),
        &QRcode_free);
    if (!code) return std::nullopt;
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<size_t>(m.size) * m.size);
    for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;
    return m;
}

}  // namespace onestop::printer
