#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "camera/pixel_conversion.h"
#include "core/error.h"

namespace kiosk::camera {
namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 48;
constexpr std::size_t kPadding = 32;   // stride padding, as drivers add for alignment

// A smooth colour test card (no hard edges, so chroma subsampling costs little).
cv::Mat test_card()
{
    cv::Mat bgr(kHeight, kWidth, CV_8UC3);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x)
            bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(40 + 3 * x), static_cast<uchar>(60 + 2 * y),
                                                static_cast<uchar>(200 - 2 * x));
    return bgr;
}

double mean_abs_difference(const cv::Mat& a, const cv::Mat& b)
{
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    const cv::Scalar m = cv::mean(diff);
    return (m[0] + m[1] + m[2]) / 3.0;
}

// Copies rows of `tight` (width * bpp bytes each) into a buffer with padded lines.
std::vector<std::uint8_t> padded(const cv::Mat& tight, std::size_t line_bytes, std::size_t stride)
{
    std::vector<std::uint8_t> out(stride * static_cast<std::size_t>(tight.rows), 0xAB);
    for (int y = 0; y < tight.rows; ++y)
        std::memcpy(out.data() + stride * static_cast<std::size_t>(y), tight.ptr(y), line_bytes);
    return out;
}

// The I420 planes of the test card, which the other YUV layouts are made from.
struct Yuv420 {
    cv::Mat y, u, v;   // y full size, u and v half size
};

Yuv420 yuv420_of(const cv::Mat& bgr)
{
    cv::Mat i420;
    cv::cvtColor(bgr, i420, cv::COLOR_BGR2YUV_I420);
    Yuv420 out;
    out.y = i420.rowRange(0, kHeight).clone();
    // I420's U and V planes are w/2 x h/2 bytes each, back to back after Y.
    out.u = cv::Mat(kHeight / 2, kWidth / 2, CV_8UC1, i420.ptr(kHeight)).clone();
    out.v = cv::Mat(kHeight / 2, kWidth / 2, CV_8UC1, i420.ptr(kHeight) + kWidth * kHeight / 4).clone();
    return out;
}

// What OpenCV makes of the same YUV data: conversions must agree with it.
cv::Mat reference_from(const Yuv420& yuv)
{
    cv::Mat i420(kHeight * 3 / 2, kWidth, CV_8UC1);
    yuv.y.copyTo(i420.rowRange(0, kHeight));
    std::memcpy(i420.ptr(kHeight), yuv.u.data, yuv.u.total());
    std::memcpy(i420.ptr(kHeight) + yuv.u.total(), yuv.v.data, yuv.v.total());
    cv::Mat bgr;
    cv::cvtColor(i420, bgr, cv::COLOR_YUV2BGR_I420);
    return bgr;
}

TEST(PixelConversion, KnowsTheFourccsCamerasOffer)
{
    const auto code = [](const char* s) {
        return static_cast<std::uint32_t>(s[0]) | static_cast<std::uint32_t>(s[1]) << 8 |
               static_cast<std::uint32_t>(s[2]) << 16 | static_cast<std::uint32_t>(s[3]) << 24;
    };
    EXPECT_EQ(layout_for_fourcc(code("YUYV")), PixelLayout::YUYV);
    EXPECT_EQ(layout_for_fourcc(code("MJPG")), PixelLayout::MJPEG);
    EXPECT_EQ(layout_for_fourcc(code("NV12")), PixelLayout::NV12);
    EXPECT_EQ(layout_for_fourcc(code("YU12")), PixelLayout::YUV420);
    EXPECT_EQ(layout_for_fourcc(code("XR24")), PixelLayout::XRGB8888);
    EXPECT_FALSE(layout_for_fourcc(code("RG10")).has_value()) << "raw Bayer needs an ISP, not us";
}

TEST(PixelConversion, YuyvWithPaddedLines)
{
    const Yuv420 yuv = yuv420_of(test_card());
    // YUYV from the same samples: chroma repeated on both lines of each pair.
    cv::Mat yuyv(kHeight, kWidth, CV_8UC2);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x)
            yuyv.at<cv::Vec2b>(y, x) = cv::Vec2b(yuv.y.at<uchar>(y, x), x % 2 == 0 ? yuv.u.at<uchar>(y / 2, x / 2)
                                                                                     : yuv.v.at<uchar>(y / 2, x / 2));
    const std::size_t stride = kWidth * 2 + kPadding;
    const auto bytes = padded(yuyv, kWidth * 2, stride);
    const cv::Mat bgr = to_bgr(RawImage{PixelLayout::YUYV, {kWidth, kHeight}, stride, {bytes}});
    ASSERT_EQ(bgr.size(), cv::Size(kWidth, kHeight));
    EXPECT_LT(mean_abs_difference(bgr, reference_from(yuv)), 2.0);
    EXPECT_LT(mean_abs_difference(bgr, test_card()), 4.0);
}

TEST(PixelConversion, Nv12AsOneBufferOrTwoPlanes)
{
    const Yuv420 yuv = yuv420_of(test_card());
    const std::size_t stride = kWidth + kPadding;
    cv::Mat uv(kHeight / 2, kWidth / 2, CV_8UC2);
    for (int y = 0; y < kHeight / 2; ++y)
        for (int x = 0; x < kWidth / 2; ++x)
            uv.at<cv::Vec2b>(y, x) = cv::Vec2b(yuv.u.at<uchar>(y, x), yuv.v.at<uchar>(y, x));
    auto luma = padded(yuv.y, kWidth, stride);
    const auto chroma = padded(uv, kWidth, stride);

    const cv::Mat two_planes = to_bgr(RawImage{PixelLayout::NV12, {kWidth, kHeight}, stride, {luma, chroma}});
    EXPECT_LT(mean_abs_difference(two_planes, reference_from(yuv)), 1.0);

    std::vector<std::uint8_t> one(luma);
    one.insert(one.end(), chroma.begin(), chroma.end());
    const cv::Mat one_buffer = to_bgr(RawImage{PixelLayout::NV12, {kWidth, kHeight}, stride, {one}});
    EXPECT_LT(mean_abs_difference(one_buffer, reference_from(yuv)), 1.0);
}

TEST(PixelConversion, Yuv420ThreePlanesWithStride)
{
    const Yuv420 yuv = yuv420_of(test_card());
    const std::size_t stride = kWidth + kPadding;
    const auto y = padded(yuv.y, kWidth, stride);
    const auto u = padded(yuv.u, kWidth / 2, stride / 2);
    const auto v = padded(yuv.v, kWidth / 2, stride / 2);
    const cv::Mat bgr = to_bgr(RawImage{PixelLayout::YUV420, {kWidth, kHeight}, stride, {y, u, v}});
    EXPECT_LT(mean_abs_difference(bgr, reference_from(yuv)), 1.0);
}

TEST(PixelConversion, Xrgb8888IsBgrxInMemory)
{
    const cv::Mat card = test_card();
    cv::Mat bgrx;
    cv::cvtColor(card, bgrx, cv::COLOR_BGR2BGRA);
    const std::size_t stride = kWidth * 4 + kPadding;
    const auto bytes = padded(bgrx, kWidth * 4, stride);
    const cv::Mat bgr = to_bgr(RawImage{PixelLayout::XRGB8888, {kWidth, kHeight}, stride, {bytes}});
    EXPECT_EQ(mean_abs_difference(bgr, card), 0.0);
}

TEST(PixelConversion, MjpegDecodesOnlyTheBytesUsed)
{
    const cv::Mat card = test_card();
    std::vector<std::uint8_t> jpeg;
    ASSERT_TRUE(cv::imencode(".jpg", card, jpeg, {cv::IMWRITE_JPEG_QUALITY, 95}));
    const cv::Mat bgr = to_bgr(RawImage{PixelLayout::MJPEG, {kWidth, kHeight}, 0, {jpeg}});
    ASSERT_EQ(bgr.size(), card.size());
    EXPECT_LT(mean_abs_difference(bgr, card), 3.0);
}

TEST(PixelConversion, CorruptFramesAreInputErrorsNotCrashes)
{
    std::vector<std::uint8_t> garbage(100, 0x42);
    EXPECT_THROW(to_bgr(RawImage{PixelLayout::MJPEG, {kWidth, kHeight}, 0, {garbage}}), InputError);
    EXPECT_THROW(to_bgr(RawImage{PixelLayout::YUYV, {kWidth, kHeight}, kWidth * 2, {garbage}}), InputError)
        << "a buffer shorter than the image";
    EXPECT_THROW(to_bgr(RawImage{PixelLayout::NV12, {kWidth, kHeight}, kWidth, {garbage}}), InputError);
    EXPECT_THROW(to_bgr(RawImage{PixelLayout::YUYV, {kWidth, kHeight}, 8, {garbage}}), InputError)
        << "a stride shorter than a line";
    EXPECT_THROW(to_bgr(RawImage{PixelLayout::YUV420, {kWidth + 1, kHeight}, kWidth + 1, {garbage}}), InputError);
}

} // namespace
} // namespace kiosk::camera
