#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "photo/jpeg_encoder.h"
#include "photo/photo_settings.h"
#include "spec/document_spec.h"
#include "support/faces.h"

namespace {

using namespace kiosk;
using photo::ChromaSubsampling;
using photo::JpegSettings;

// What a JPEG file says about itself, read marker by marker up to the scan.
struct JpegMarkers {
    bool starts_with_soi = false;
    std::vector<int> markers;   // second byte of every marker before SOS, in order
    std::optional<int> jfif_units;
    int jfif_x_density = 0;
    int jfif_y_density = 0;
    int sof_width = 0;
    int sof_height = 0;
    int luma_sampling = 0;      // 0x22 for 4:2:0, 0x11 for 4:4:4
    bool has(int marker) const { return std::find(markers.begin(), markers.end(), marker) != markers.end(); }
};

JpegMarkers parse_markers(const std::vector<unsigned char>& b)
{
    JpegMarkers m;
    m.starts_with_soi = b.size() > 2 && b[0] == 0xFF && b[1] == 0xD8;
    std::size_t at = 2;
    while (at + 4 <= b.size() && b[at] == 0xFF) {
        const int marker = b[at + 1];
        const std::size_t length = (std::size_t{b[at + 2]} << 8) | b[at + 3];
        const unsigned char* body = &b[at + 4];
        m.markers.push_back(marker);
        if (marker == 0xE0 && length >= 16 && std::string(body, body + 5) == std::string("JFIF\0", 5)) {
            m.jfif_units = body[7];
            m.jfif_x_density = (body[8] << 8) | body[9];
            m.jfif_y_density = (body[10] << 8) | body[11];
        }
        if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
            m.sof_height = (body[1] << 8) | body[2];
            m.sof_width = (body[3] << 8) | body[4];
            m.luma_sampling = body[7];
        }
        if (marker == 0xDA)
            break;
        at += 2 + length;
    }
    return m;
}

const std::vector<spec::DocumentSpec>& shipped_specs()
{
    static const auto specs = spec::load_all_specs(config_dir() / "specs");
    return specs;
}

JpegSettings shipped_settings()
{
    return photo::load_photo_settings(config_dir()).jpeg;
}

// A picture with some structure in it: smooth shading plus mild texture, like a portrait.
cv::Mat textured(cv::Size size, double noise_sigma)
{
    cv::Mat img(size, CV_8UC3);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            img.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(120 + x % 90), static_cast<uchar>(80 + y % 120),
                                                static_cast<uchar>((x + y) % 200));
    cv::Mat noise(size, CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(noise_sigma));
    cv::Mat out;
    cv::add(img, noise, out, cv::noArray(), CV_8UC3);
    return out;
}

TEST(JpegEncoder, HeaderIsBaselineJfifWithTheSpecDpiAndNoOtherMetadata)
{
    for (const auto& spec : shipped_specs()) {
        SCOPED_TRACE(spec.id);
        const cv::Mat picture = textured({spec.output.width_px, spec.output.height_px}, 8);
        const auto file = photo::encode_jpeg(picture, spec, shipped_settings());
        const JpegMarkers m = parse_markers(file.bytes);
        EXPECT_TRUE(m.starts_with_soi);
        ASSERT_FALSE(m.markers.empty());
        EXPECT_EQ(m.markers.front(), 0xE0) << "JFIF APP0 must come first";
        ASSERT_TRUE(m.jfif_units.has_value());
        EXPECT_EQ(*m.jfif_units, 1) << "density unit must be dots per inch";
        EXPECT_EQ(m.jfif_x_density, spec.output.dpi);
        EXPECT_EQ(m.jfif_y_density, spec.output.dpi);
        for (int app = 0xE1; app <= 0xEF; ++app)
            EXPECT_FALSE(m.has(app)) << "APP" << (app - 0xE0) << " marker present";
        EXPECT_FALSE(m.has(0xFE)) << "comment marker present";
        EXPECT_TRUE(m.has(0xC0)) << "not baseline (no SOF0)";
        EXPECT_FALSE(m.has(0xC2)) << "progressive";
        EXPECT_EQ(m.sof_width, spec.output.width_px);
        EXPECT_EQ(m.sof_height, spec.output.height_px);
        EXPECT_EQ(file.bytes[file.bytes.size() - 2], 0xFF);
        EXPECT_EQ(file.bytes.back(), 0xD9) << "no EOI at the end";
        const cv::Mat back = cv::imdecode(file.bytes, cv::IMREAD_COLOR);
        EXPECT_EQ(back.size(), picture.size());
    }
}

TEST(JpegEncoder, ChromaSubsamplingFollowsTheSettings)
{
    const auto& spec = shipped_specs().front();
    const cv::Mat picture = textured({spec.output.width_px, spec.output.height_px}, 8);
    EXPECT_EQ(parse_markers(photo::encode_jpeg_at(picture, 80, 300, {ChromaSubsampling::S420})).luma_sampling, 0x22);
    EXPECT_EQ(parse_markers(photo::encode_jpeg_at(picture, 80, 300, {ChromaSubsampling::S444})).luma_sampling, 0x11);
}

TEST(JpegEncoder, KbRangeIsWhatBothReadingsOfKbAccept)
{
    spec::JpegRule rule;
    rule.size_kb = {14, 20};
    const auto r = photo::allowed_bytes(rule);
    EXPECT_EQ(r.min, 14u * 1024);
    EXPECT_EQ(r.max, 20u * 1000);
}

TEST(JpegEncoder, ChoosesTheHighestQualityThatFits)
{
    const auto& specs = shipped_specs();
    const auto it = std::find_if(specs.begin(), specs.end(), [](const auto& s) { return s.id == "resident-id"; });
    ASSERT_NE(it, specs.end());
    const cv::Mat picture = textured({it->output.width_px, it->output.height_px}, 6);
    const auto settings = shipped_settings();
    const auto file = photo::encode_jpeg(picture, *it, settings);
    ASSERT_TRUE(file.size_in_range) << file.problem;
    const auto range = photo::allowed_bytes(it->jpeg);
    EXPECT_GE(file.bytes.size(), range.min);
    EXPECT_LE(file.bytes.size(), range.max);
    EXPECT_GE(file.quality, it->jpeg.quality_min);
    if (file.quality < 100) {
        EXPECT_GT(photo::encode_jpeg_at(picture, file.quality + 1, it->output.dpi, settings).size(), range.max);
    }
    EXPECT_EQ(photo::encode_jpeg_at(picture, file.quality, it->output.dpi, settings), file.bytes);
}

TEST(JpegEncoder, TooBusyPictureKeepsTheQualityFloorAndSaysWhy)
{
    for (const auto& spec : shipped_specs()) {
        SCOPED_TRACE(spec.id);
        cv::Mat noise(spec.output.height_px, spec.output.width_px, CV_8UC3);
        cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
        const auto file = photo::encode_jpeg(noise, spec, shipped_settings());
        EXPECT_FALSE(file.size_in_range);
        EXPECT_EQ(file.quality, spec.jpeg.quality_min);
        EXPECT_GT(file.bytes.size(), photo::allowed_bytes(spec.jpeg).max);
        EXPECT_NE(file.problem.find("busy"), std::string::npos) << file.problem;
    }
}

TEST(JpegEncoder, TooPlainPictureUsesFullQualityAndSaysWhy)
{
    const auto& spec = shipped_specs().front();
    const cv::Mat flat(spec.output.height_px, spec.output.width_px, CV_8UC3, cv::Scalar(240, 240, 240));
    const auto file = photo::encode_jpeg(flat, spec, shipped_settings());
    EXPECT_FALSE(file.size_in_range);
    EXPECT_EQ(file.quality, 100);
    EXPECT_LT(file.bytes.size(), photo::allowed_bytes(spec.jpeg).min);
    EXPECT_NE(file.problem.find("plain"), std::string::npos) << file.problem;
}

TEST(JpegEncoder, RefusesAPictureOfTheWrongSizeOrType)
{
    const auto& spec = shipped_specs().front();
    EXPECT_THROW(photo::encode_jpeg(cv::Mat(10, 10, CV_8UC3, cv::Scalar::all(0)), spec, shipped_settings()),
                 InputError);
    const cv::Mat gray(spec.output.height_px, spec.output.width_px, CV_8UC1, cv::Scalar(0));
    EXPECT_THROW(photo::encode_jpeg(gray, spec, shipped_settings()), InputError);
    EXPECT_THROW(photo::encode_jpeg_at(cv::Mat(), 80, 300, {}), InputError);
}

// A head-and-shoulders portrait of the spec's size from a real photo: the
// central square of a studio portrait, cut to the spec's aspect and reduced.
cv::Mat portrait_of_spec_size(const cv::Mat& photo, const spec::DocumentSpec& spec)
{
    const double aspect = static_cast<double>(spec.output.width_px) / spec.output.height_px;
    const int h = photo.rows * 8 / 10;
    const int w = std::min(photo.cols, static_cast<int>(h * aspect));
    const cv::Rect window((photo.cols - w) / 2, photo.rows / 10, w, h);
    cv::Mat out;
    cv::resize(photo(window), out, {spec.output.width_px, spec.output.height_px}, 0, 0, cv::INTER_AREA);
    return out;
}

TEST(JpegEncoder, RealPortraitsLandInsideEverySpecsSizeRange)
{
    KIOSK_REQUIRE_FACES(faces);
    std::vector<std::filesystem::path> photos;
    for (const auto& entry : std::filesystem::directory_iterator(faces / "frl-london" / "neutral"))
        if (entry.path().extension() == ".jpg")
            photos.push_back(entry.path());
    std::sort(photos.begin(), photos.end());
    ASSERT_FALSE(photos.empty());

    struct Tally {
        int in_range = 0;
        int total = 0;
        int q_min = 101;
        int q_max = 0;
        std::size_t bytes_min = SIZE_MAX;
        std::size_t bytes_max = 0;
    };
    std::map<std::string, Tally> tally;
    const auto settings = shipped_settings();
    for (const auto& file : photos) {
        const cv::Mat photo = cv::imread(file.string(), cv::IMREAD_COLOR);
        ASSERT_FALSE(photo.empty()) << file;
        for (const auto& spec : shipped_specs()) {
            const auto jpeg = photo::encode_jpeg(portrait_of_spec_size(photo, spec), spec, settings);
            EXPECT_GE(jpeg.quality, spec.jpeg.quality_min) << spec.id << " " << file.filename();
            EXPECT_TRUE(jpeg.size_in_range) << spec.id << " " << file.filename() << ": " << jpeg.problem;
            Tally& t = tally[spec.id];
            t.total++;
            t.in_range += jpeg.size_in_range;
            t.q_min = std::min(t.q_min, jpeg.quality);
            t.q_max = std::max(t.q_max, jpeg.quality);
            t.bytes_min = std::min(t.bytes_min, jpeg.bytes.size());
            t.bytes_max = std::max(t.bytes_max, jpeg.bytes.size());
        }
    }
    std::printf("\nJPEG size search on %zu real portraits (frl-london/neutral)\n", photos.size());
    std::printf("%-22s %-12s %9s %9s %16s\n", "spec", "size range", "in range", "quality", "file KB");
    for (const auto& spec : shipped_specs()) {
        const Tally& t = tally[spec.id];
        char range[32], quality[16], kb[32];
        std::snprintf(range, sizeof range, "%g-%g KB", spec.jpeg.size_kb.min, spec.jpeg.size_kb.max);
        std::snprintf(quality, sizeof quality, "%d-%d", t.q_min, t.q_max);
        std::snprintf(kb, sizeof kb, "%.1f-%.1f", t.bytes_min / 1024.0, t.bytes_max / 1024.0);
        std::printf("%-22s %-12s %4d/%-4d %9s %16s\n", spec.id.c_str(), range, t.in_range, t.total, quality, kb);
    }
}

} // namespace
