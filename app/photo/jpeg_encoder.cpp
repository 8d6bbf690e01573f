#include "photo/jpeg_encoder.h"

#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>

#include "core/error.h"
#include "photo/libjpeg_errors.h"

namespace kiosk::photo {
namespace {

constexpr int kMaxQuality = 100;

std::string kb(std::size_t bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    return buf;
}

// libjpeg state for one encode; owns the memory libjpeg allocates for the file.
struct Compressor {
    jpeg_compress_struct cinfo{};
    detail::JpegErrorManager errors;
    unsigned char* buffer = nullptr;
    unsigned long size = 0;

    Compressor()
    {
        cinfo.err = detail::install(errors);
        jpeg_create_compress(&cinfo);
    }
    ~Compressor()
    {
        jpeg_destroy_compress(&cinfo);
        std::free(buffer);
    }
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;
};

// Runs libjpeg; returns false (message in c.errors) when it failed.
// Only trivially destructible locals live in this frame, so libjpeg's
// longjmp back to here skips no destructor.
bool compress(Compressor& c, const cv::Mat& bgr, int quality, int dpi, ChromaSubsampling subsampling)
{
    if (setjmp(c.errors.jump))
        return false;
    jpeg_compress_struct& ci = c.cinfo;
    jpeg_mem_dest(&ci, &c.buffer, &c.size);
    ci.image_width = static_cast<JDIMENSION>(bgr.cols);
    ci.image_height = static_cast<JDIMENSION>(bgr.rows);
    ci.input_components = 3;
    ci.in_color_space = JCS_EXT_BGR;
    jpeg_set_defaults(&ci);   // YCbCr with a JFIF APP0 marker, sequential (baseline) Huffman coding
    jpeg_set_quality(&ci, quality, TRUE /* keep quantisers in baseline's 8-bit range */);
    ci.optimize_coding = TRUE;   // per-image Huffman tables: smaller file, still baseline
    ci.write_JFIF_header = TRUE;
    ci.JFIF_major_version = 1;
    ci.JFIF_minor_version = 1;
    ci.density_unit = 1;   // dots per inch
    ci.X_density = static_cast<UINT16>(dpi);
    ci.Y_density = static_cast<UINT16>(dpi);
    ci.write_Adobe_marker = FALSE;
    const int luma = subsampling == ChromaSubsampling::S420 ? 2 : 1;
    ci.comp_info[0].h_samp_factor = luma;
    ci.comp_info[0].v_samp_factor = luma;
    ci.comp_info[1].h_samp_factor = ci.comp_info[1].v_samp_factor = 1;
    ci.comp_info[2].h_samp_factor = ci.comp_info[2].v_samp_factor = 1;

    jpeg_start_compress(&ci, TRUE);
    while (ci.next_scanline < ci.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(bgr.ptr<unsigned char>(static_cast<int>(ci.next_scanline)));
        jpeg_write_scanlines(&ci, &row, 1);
    }
    jpeg_finish_compress(&ci);
    return true;
}

} // namespace

ByteRange allowed_bytes(const spec::JpegRule& rule)
{
    ByteRange r{static_cast<std::size_t>(std::ceil(rule.size_kb.min * 1024)),
                static_cast<std::size_t>(std::floor(rule.size_kb.max * 1000))};
    // A range so narrow that the two readings do not overlap: take it in KiB.
    if (r.min > r.max)
        r.max = static_cast<std::size_t>(std::floor(rule.size_kb.max * 1024));
    return r;
}

std::vector<unsigned char> encode_jpeg_at(cv::InputArray bgr_in, int quality, int dpi, const JpegSettings& settings)
{
    const cv::Mat bgr = bgr_in.getMat();
    if (bgr.empty() || bgr.type() != CV_8UC3)
        throw InputError("JPEG encoding needs a non-empty 8-bit 3-channel picture");
    if (quality < 1 || quality > kMaxQuality)
        throw InputError("JPEG quality must be 1-100, not " + std::to_string(quality));
    if (dpi <= 0 || dpi > 65535)
        throw InputError("JPEG density must be 1-65535 dpi, not " + std::to_string(dpi));
    Compressor c;
    if (!compress(c, bgr, quality, dpi, settings.subsampling))
        throw InputError(std::string("JPEG encoding failed: ") + c.errors.message);
    return std::vector<unsigned char>(c.buffer, c.buffer + c.size);
}

EncodedJpeg encode_jpeg(cv::InputArray bgr_in, const spec::DocumentSpec& spec, const JpegSettings& settings)
{
    const cv::Mat bgr = bgr_in.getMat();
    if (bgr.cols != spec.output.width_px || bgr.rows != spec.output.height_px)
        throw InputError("picture is " + std::to_string(bgr.cols) + "x" + std::to_string(bgr.rows) + ", spec " +
                         spec.id + " needs " + std::to_string(spec.output.width_px) + "x" +
                         std::to_string(spec.output.height_px));
    const ByteRange range = allowed_bytes(spec.jpeg);
    const int q_floor = spec.jpeg.quality_min;

    std::map<int, std::vector<unsigned char>> tried;
    auto at = [&](int q) -> const std::vector<unsigned char>& {
        auto it = tried.find(q);
        if (it == tried.end())
            it = tried.emplace(q, encode_jpeg_at(bgr, q, spec.output.dpi, settings)).first;
        return it->second;
    };
    auto result = [&](int q, std::string problem) {
        EncodedJpeg e;
        e.bytes = at(q);
        e.quality = q;
        e.size_in_range = problem.empty();
        e.problem = std::move(problem);
        return e;
    };
    const std::string wanted = " (the document needs " + kb(range.min) + " to " + kb(range.max) + ")";

    // File size grows with quality, so the best picture that fits is the
    // highest quality whose file is not too big.
    if (at(q_floor).size() > range.max)
        return result(q_floor, "picture too busy for the size limit: at the lowest allowed quality " +
                                   std::to_string(q_floor) + " the file is " + kb(at(q_floor).size()) + wanted);
    if (at(kMaxQuality).size() <= range.max) {
        if (at(kMaxQuality).size() < range.min)
            return result(kMaxQuality, "picture too plain for the size floor: even at quality 100 the file is only " +
                                           kb(at(kMaxQuality).size()) + wanted);
        return result(kMaxQuality, {});
    }
    int fits = q_floor;           // at(fits) <= max
    int too_big = kMaxQuality;    // at(too_big) > max
    while (too_big - fits > 1) {
        const int mid = (fits + too_big) / 2;
        (at(mid).size() <= range.max ? fits : too_big) = mid;
    }
    if (at(fits).size() >= range.min)
        return result(fits, {});
    // The size jumps over the whole range between two neighbouring qualities.
    const std::size_t below = range.min - at(fits).size();
    const std::size_t above = at(too_big).size() - range.max;
    const int closest = below <= above ? fits : too_big;
    return result(closest, "no quality lands inside the size range: quality " + std::to_string(fits) + " gives " +
                               kb(at(fits).size()) + ", quality " + std::to_string(too_big) + " gives " +
                               kb(at(too_big).size()) + wanted);
}

} // namespace kiosk::photo
