#include "camera/pixel_conversion.h"

#include <cstring>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace kiosk::camera {
namespace {

constexpr std::uint32_t fourcc(char a, char b, char c, char d)
{
    return static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b) << 8 | static_cast<std::uint32_t>(c) << 16 |
           static_cast<std::uint32_t>(d) << 24;
}

void require(bool ok, const char* what)
{
    if (!ok)
        throw InputError(std::string("corrupt camera frame: ") + what);
}

// All planes as one byte range when they sit back to back in memory (the
// usual case for a single dmabuf), else null.
std::span<const std::uint8_t> contiguous(const RawImage& raw)
{
    if (raw.planes.empty())
        return {};
    const std::uint8_t* begin = raw.planes.front().data();
    const std::uint8_t* end = begin + raw.planes.front().size();
    for (std::size_t i = 1; i < raw.planes.size(); ++i) {
        if (raw.planes[i].data() != end)
            return {};
        end += raw.planes[i].size();
    }
    return {begin, static_cast<std::size_t>(end - begin)};
}

// The first plane as a cv::Mat view of `channels` bytes per pixel.
cv::Mat packed_view(const RawImage& raw, int channels)
{
    const std::size_t line = static_cast<std::size_t>(raw.size.width) * channels;
    require(raw.stride >= line, "stride shorter than a line");
    require(!raw.planes.empty() &&
                raw.planes[0].size() >= raw.stride * (raw.size.height - 1) + line,
            "packed image shorter than its size");
    return cv::Mat(raw.size, CV_8UC(channels), const_cast<std::uint8_t*>(raw.planes[0].data()), raw.stride);
}

// Planes of a 4:2:0 image: the Y plane view and the chroma data after it.
struct Planes420 {
    cv::Mat y;
    std::vector<const std::uint8_t*> chroma;   // 1 (interleaved) or 2 (U, V) planes
    std::size_t chroma_stride = 0;
};

Planes420 split_420(const RawImage& raw, int chroma_planes)
{
    require(raw.size.width % 2 == 0 && raw.size.height % 2 == 0, "4:2:0 image with odd size");
    const std::size_t w = static_cast<std::size_t>(raw.size.width);
    const std::size_t h = static_cast<std::size_t>(raw.size.height);
    require(raw.stride >= w, "stride shorter than a line");
    Planes420 p;
    // Interleaved chroma has the luma stride; planar chroma half of it.
    p.chroma_stride = chroma_planes == 1 ? raw.stride : raw.stride / 2;
    const std::size_t luma_bytes = raw.stride * h;
    const std::size_t chroma_bytes = p.chroma_stride * (h / 2);

    if (static_cast<int>(raw.planes.size()) == 1 + chroma_planes) {
        require(raw.planes[0].size() >= luma_bytes, "luma plane short");
        for (int i = 1; i <= chroma_planes; ++i) {
            require(raw.planes[i].size() >= chroma_bytes, "chroma plane short");
            p.chroma.push_back(raw.planes[i].data());
        }
    } else {
        const auto all = contiguous(raw);
        require(all.size() >= luma_bytes + chroma_bytes * chroma_planes, "4:2:0 image shorter than its size");
        for (int i = 0; i < chroma_planes; ++i)
            p.chroma.push_back(all.data() + luma_bytes + chroma_bytes * i);
    }
    p.y = cv::Mat(raw.size, CV_8UC1, const_cast<std::uint8_t*>(raw.planes[0].data()), raw.stride);
    return p;
}

cv::Mat convert_i420(const RawImage& raw)
{
    const Planes420 p = split_420(raw, 2);
    const int w = raw.size.width;
    const int h = raw.size.height;
    // OpenCV wants I420 as one tight block of w x 1.5h; copy the planes in,
    // dropping stride padding.
    cv::Mat packed(h * 3 / 2, w, CV_8UC1);
    p.y.copyTo(packed.rowRange(0, h));
    std::uint8_t* out = packed.ptr(h);
    for (const std::uint8_t* plane : p.chroma) {
        for (int row = 0; row < h / 2; ++row, out += w / 2)
            std::memcpy(out, plane + row * p.chroma_stride, static_cast<std::size_t>(w / 2));
    }
    cv::Mat bgr;
    cv::cvtColor(packed, bgr, cv::COLOR_YUV2BGR_I420);
    return bgr;
}

cv::Mat convert_semi_planar(const RawImage& raw, int code)
{
    const Planes420 p = split_420(raw, 1);
    const cv::Mat uv(raw.size.height / 2, raw.size.width / 2, CV_8UC2, const_cast<std::uint8_t*>(p.chroma[0]),
                     p.chroma_stride);
    cv::Mat bgr;
    cv::cvtColorTwoPlane(p.y, uv, bgr, code);
    return bgr;
}

cv::Mat decode_jpeg(const RawImage& raw)
{
    require(!raw.planes.empty() && !raw.planes[0].empty(), "empty JPEG");
    const cv::Mat bytes(1, static_cast<int>(raw.planes[0].size()), CV_8UC1,
                        const_cast<std::uint8_t*>(raw.planes[0].data()));
    cv::Mat bgr = cv::imdecode(bytes, cv::IMREAD_COLOR);
    require(!bgr.empty(), "JPEG does not decode");
    return bgr;
}

cv::Mat convert_packed(const RawImage& raw, int channels, int code)
{
    cv::Mat bgr;
    cv::cvtColor(packed_view(raw, channels), bgr, code);
    return bgr;
}

} // namespace

std::optional<PixelLayout> layout_for_fourcc(std::uint32_t code)
{
    switch (code) {
    case fourcc('Y', 'U', 'Y', 'V'):
        return PixelLayout::YUYV;
    case fourcc('U', 'Y', 'V', 'Y'):
        return PixelLayout::UYVY;
    case fourcc('N', 'V', '1', '2'):
        return PixelLayout::NV12;
    case fourcc('N', 'V', '2', '1'):
        return PixelLayout::NV21;
    case fourcc('Y', 'U', '1', '2'):
        return PixelLayout::YUV420;
    case fourcc('X', 'R', '2', '4'):
        return PixelLayout::XRGB8888;
    case fourcc('X', 'B', '2', '4'):
        return PixelLayout::XBGR8888;
    case fourcc('R', 'G', '2', '4'):
        return PixelLayout::RGB888;
    case fourcc('B', 'G', '2', '4'):
        return PixelLayout::BGR888;
    case fourcc('M', 'J', 'P', 'G'):
        return PixelLayout::MJPEG;
    default:
        return std::nullopt;
    }
}

cv::Mat to_bgr(const RawImage& raw)
{
    require(raw.size.width > 0 && raw.size.height > 0, "empty size");
    switch (raw.layout) {
    case PixelLayout::YUYV:
        return convert_packed(raw, 2, cv::COLOR_YUV2BGR_YUYV);
    case PixelLayout::UYVY:
        return convert_packed(raw, 2, cv::COLOR_YUV2BGR_UYVY);
    case PixelLayout::NV12:
        return convert_semi_planar(raw, cv::COLOR_YUV2BGR_NV12);
    case PixelLayout::NV21:
        return convert_semi_planar(raw, cv::COLOR_YUV2BGR_NV21);
    case PixelLayout::YUV420:
        return convert_i420(raw);
    case PixelLayout::XRGB8888:
        return convert_packed(raw, 4, cv::COLOR_BGRA2BGR);
    case PixelLayout::XBGR8888:
        return convert_packed(raw, 4, cv::COLOR_RGBA2BGR);
    case PixelLayout::RGB888:
        return packed_view(raw, 3).clone();
    case PixelLayout::BGR888:
        return convert_packed(raw, 3, cv::COLOR_RGB2BGR);
    case PixelLayout::MJPEG:
        return decode_jpeg(raw);
    }
    throw InputError("camera frame in an unknown layout");
}

} // namespace kiosk::camera
