#include "photo/image_file.h"

#include <fstream>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "core/error.h"
#include "photo/exif_orientation.h"
#include "photo/libjpeg_errors.h"

namespace kiosk::photo {
namespace {

using Bytes = std::vector<unsigned char>;

Bytes read_bytes(const std::filesystem::path& file, const InputLimits& limits)
{
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::exists(status))
        throw InputError("no such file");
    if (!std::filesystem::is_regular_file(status))
        throw InputError("not a regular file");
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        throw InputError("cannot read the file size: " + ec.message());
    if (size == 0)
        throw InputError("empty file");
    if (static_cast<std::int64_t>(size) > limits.max_file_bytes)
        throw InputError("file of " + std::to_string(size) + " bytes is larger than the limit of " +
                         std::to_string(limits.max_file_bytes));
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw InputError("cannot open the file (permissions?)");
    Bytes bytes(size);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (in.gcount() != static_cast<std::streamsize>(size))
        throw InputError("cannot read the whole file");
    return bytes;
}

void check_dimensions(std::int64_t width, std::int64_t height, const InputLimits& limits)
{
    if (width <= 0 || height <= 0)
        throw InputError("image header declares an empty picture");
    if (width * height > limits.max_pixels)
        throw InputError("image of " + std::to_string(width) + "x" + std::to_string(height) +
                         " pixels is larger than the limit of " + std::to_string(limits.max_pixels) +
                         " pixels; refused before decoding");
}

bool is_jpeg(const Bytes& b)
{
    return b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}

bool is_png(const Bytes& b)
{
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    return b.size() >= 8 && std::equal(signature, signature + 8, b.begin());
}

// libjpeg state for one decode.
struct Decompressor {
    jpeg_decompress_struct cinfo{};
    detail::JpegErrorManager errors;

    Decompressor()
    {
        cinfo.err = detail::install(errors);
        jpeg_create_decompress(&cinfo);
    }
    ~Decompressor() { jpeg_destroy_decompress(&cinfo); }
    Decompressor(const Decompressor&) = delete;
    Decompressor& operator=(const Decompressor&) = delete;
};

// Each step returns false when libjpeg failed (message in d.errors). Only
// trivially destructible locals live in these frames, so libjpeg's longjmp
// back to them skips no destructor.
bool read_jpeg_header(Decompressor& d, const Bytes& bytes)
{
    if (setjmp(d.errors.jump))
        return false;
    jpeg_mem_src(&d.cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_save_markers(&d.cinfo, JPEG_APP0 + 1, 0xFFFF);   // EXIF, for the orientation
    jpeg_read_header(&d.cinfo, TRUE);
    return true;
}

bool decode_jpeg_pixels(Decompressor& d, cv::Mat& bgr)
{
    if (setjmp(d.errors.jump))
        return false;
    d.cinfo.out_color_space = JCS_EXT_BGR;
    jpeg_start_decompress(&d.cinfo);
    // `bgr` was allocated by the caller at the header's size.
    while (d.cinfo.output_scanline < d.cinfo.output_height) {
        JSAMPROW row = bgr.ptr<unsigned char>(static_cast<int>(d.cinfo.output_scanline));
        jpeg_read_scanlines(&d.cinfo, &row, 1);
    }
    jpeg_finish_decompress(&d.cinfo);
    return true;
}

int orientation_of(const jpeg_decompress_struct& cinfo)
{
    for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1)
            if (const int o = exif_orientation(m->data, m->data_length); o != 1)
                return o;
    return 1;
}

cv::Mat decode_jpeg(const Bytes& bytes, const InputLimits& limits)
{
    Decompressor d;
    if (!read_jpeg_header(d, bytes))
        throw InputError(std::string("not a readable JPEG: ") + d.errors.message);
    check_dimensions(d.cinfo.image_width, d.cinfo.image_height, limits);
    // Saved markers live until the decode finishes: read the orientation now.
    const int orientation = orientation_of(d.cinfo);
    cv::Mat bgr(static_cast<int>(d.cinfo.image_height), static_cast<int>(d.cinfo.image_width), CV_8UC3);
    if (!decode_jpeg_pixels(d, bgr))
        throw InputError(std::string("corrupt JPEG: ") + d.errors.message);
    if (d.errors.premature_end)
        throw InputError("truncated JPEG: the file ends before the picture does");
    if (d.errors.corrupt_data)
        throw InputError("corrupt JPEG: damaged picture data");
    apply_exif_orientation(bgr, orientation);
    return bgr;
}

std::int64_t big_endian32(const Bytes& b, std::size_t at)
{
    return (std::int64_t{b[at]} << 24) | (std::int64_t{b[at + 1]} << 16) | (std::int64_t{b[at + 2]} << 8) |
           std::int64_t{b[at + 3]};
}

cv::Mat decode_png(const Bytes& bytes, const InputLimits& limits)
{
    // The first chunk of every PNG is IHDR: length(4) "IHDR" width(4) height(4).
    if (bytes.size() < 24 || std::string(bytes.begin() + 12, bytes.begin() + 16) != "IHDR")
        throw InputError("not a readable PNG: no IHDR header");
    check_dimensions(big_endian32(bytes, 16), big_endian32(bytes, 20), limits);
    cv::Mat bgr = cv::imdecode(bytes, cv::IMREAD_COLOR);
    if (bgr.empty())
        throw InputError("corrupt or truncated PNG");
    return bgr;
}

} // namespace

cv::Mat read_image_file(const std::filesystem::path& file, const InputLimits& limits)
{
    const Bytes bytes = read_bytes(file, limits);
    if (is_jpeg(bytes))
        return decode_jpeg(bytes, limits);
    if (is_png(bytes))
        return decode_png(bytes, limits);
    throw InputError("not a JPEG or PNG image");
}

} // namespace kiosk::photo
