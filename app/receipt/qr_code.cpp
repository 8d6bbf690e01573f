#include "receipt/qr_code.h"

#include <memory>
#include <string>

#include <qrencode.h>

#include "core/error.h"

namespace kiosk::receipt {
namespace {

struct QrFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

} // namespace

QrModules qr_modules(std::string_view text)
{
    const std::string owned(text);
    // Version 0 lets libqrencode pick the smallest symbol; case-sensitive
    // keeps the alphanumeric mode for upper-case text.
    const std::unique_ptr<QRcode, QrFree> code(QRcode_encodeString(owned.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code)
        throw InputError("cannot encode the text as a QR code");
    QrModules out;
    out.size = code->width;
    out.dark.resize(static_cast<std::size_t>(out.size * out.size));
    for (std::size_t i = 0; i < out.dark.size(); ++i)
        out.dark[i] = (code->data[i] & 1) != 0;   // bit 0 is the module colour
    return out;
}

} // namespace kiosk::receipt
