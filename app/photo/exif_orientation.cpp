#include "photo/exif_orientation.h"

#include <cstring>

namespace kiosk::photo {
namespace {

constexpr unsigned kOrientationTag = 0x0112;
constexpr unsigned kTypeShort = 3;

// Reads 16- and 32-bit numbers in the TIFF block's byte order, bounds-checked.
struct TiffReader {
    const unsigned char* data;
    std::size_t size;
    bool big_endian;

    bool u16(std::size_t at, unsigned& out) const
    {
        if (at + 2 > size)
            return false;
        out = big_endian ? (data[at] << 8) | data[at + 1] : (data[at + 1] << 8) | data[at];
        return true;
    }
    bool u32(std::size_t at, std::size_t& out) const
    {
        if (at + 4 > size)
            return false;
        const unsigned long b0 = data[at], b1 = data[at + 1], b2 = data[at + 2], b3 = data[at + 3];
        out = big_endian ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3 : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
        return true;
    }
};

} // namespace

int exif_orientation(const unsigned char* app1, std::size_t size)
{
    static const char kExifHeader[6] = {'E', 'x', 'i', 'f', 0, 0};
    if (size < 6 + 8 || std::memcmp(app1, kExifHeader, 6) != 0)
        return 1;
    const unsigned char* tiff = app1 + 6;
    const std::size_t tiff_size = size - 6;
    if (!((tiff[0] == 'M' && tiff[1] == 'M') || (tiff[0] == 'I' && tiff[1] == 'I')))
        return 1;
    const TiffReader r{tiff, tiff_size, tiff[0] == 'M'};
    std::size_t ifd = 0;
    unsigned entries = 0;
    if (!r.u32(4, ifd) || !r.u16(ifd, entries))
        return 1;
    // The first IFD (the main picture's) holds the orientation; 12 bytes an entry.
    for (unsigned i = 0; i < entries; ++i) {
        const std::size_t entry = ifd + 2 + 12 * std::size_t{i};
        unsigned tag = 0, type = 0, value = 0;
        if (!r.u16(entry, tag) || !r.u16(entry + 2, type))
            return 1;
        if (tag != kOrientationTag)
            continue;
        if (type != kTypeShort || !r.u16(entry + 8, value) || value < 1 || value > 8)
            return 1;
        return static_cast<int>(value);
    }
    return 1;
}

void apply_exif_orientation(cv::Mat& picture, int orientation)
{
    // Same meaning as TIFF 6.0 / EXIF 2.3: where row 0 and column 0 of the
    // stored picture belong on the screen.
    switch (orientation) {
    case 2:
        cv::flip(picture, picture, 1);
        break;
    case 3:
        cv::flip(picture, picture, -1);
        break;
    case 4:
        cv::flip(picture, picture, 0);
        break;
    case 5:
        cv::transpose(picture, picture);
        break;
    case 6:
        cv::transpose(picture, picture);
        cv::flip(picture, picture, 1);
        break;
    case 7:
        cv::transpose(picture, picture);
        cv::flip(picture, picture, -1);
        break;
    case 8:
        cv::transpose(picture, picture);
        cv::flip(picture, picture, 0);
        break;
    default:
        break;
    }
}

} // namespace kiosk::photo
