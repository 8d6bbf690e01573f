#include <fstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "photo/exif_orientation.h"
#include "photo/image_file.h"
#include "support/test_folder.h"

namespace {

using kiosk::InputError;
using kiosk::photo::InputLimits;
using kiosk::photo::read_image_file;
using Bytes = std::vector<unsigned char>;

const InputLimits kLimits{40'000'000, 64 * 1024 * 1024};

class ImageFile : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& name, const Bytes& bytes)
    {
        const auto p = dir_.path() / name;
        std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                 static_cast<std::streamsize>(bytes.size()));
        return p;
    }

    // The InputError message reading `file` gives ("" when it reads).
    std::string error_of(const std::filesystem::path& file, const InputLimits& limits = kLimits)
    {
        try {
            read_image_file(file, limits);
            return "";
        } catch (const InputError& e) {
            return e.what();
        }
    }

    kiosk::test::TestFolder dir_{"kiosk-image-file-test"};
};

// Red left half, blue right half, a white block in the top-left corner:
// every flip and turn of it looks different.
cv::Mat marked_picture()
{
    cv::Mat img(120, 200, CV_8UC3, cv::Scalar(0, 0, 255));
    img(cv::Rect(100, 0, 100, 120)).setTo(cv::Scalar(255, 0, 0));
    img(cv::Rect(0, 0, 30, 30)).setTo(cv::Scalar(255, 255, 255));
    return img;
}

Bytes encode(const std::string& ext, const cv::Mat& img)
{
    Bytes out;
    cv::imencode(ext, img, out, {cv::IMWRITE_JPEG_QUALITY, 95});
    return out;
}

// A JPEG with an EXIF APP1 segment carrying only `orientation`, in big- or
// little-endian TIFF order.
Bytes with_orientation(const Bytes& jpeg, int orientation, bool big_endian)
{
    auto u16 = [&](unsigned v) {
        return big_endian ? Bytes{static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v & 0xFF)}
                          : Bytes{static_cast<unsigned char>(v & 0xFF), static_cast<unsigned char>(v >> 8)};
    };
    Bytes tiff = big_endian ? Bytes{'M', 'M'} : Bytes{'I', 'I'};
    auto append = [&](const Bytes& b) { tiff.insert(tiff.end(), b.begin(), b.end()); };
    append(u16(42));
    append(big_endian ? Bytes{0, 0, 0, 8} : Bytes{8, 0, 0, 0});   // first IFD at 8
    append(u16(1));                                              // one entry
    append(u16(0x0112));                                         // orientation
    append(u16(3));                                              // SHORT
    append(big_endian ? Bytes{0, 0, 0, 1} : Bytes{1, 0, 0, 0});   // count 1
    append(u16(static_cast<unsigned>(orientation)));
    append({0, 0});
    append({0, 0, 0, 0});   // no next IFD
    Bytes app1 = {'E', 'x', 'i', 'f', 0, 0};
    app1.insert(app1.end(), tiff.begin(), tiff.end());
    const std::size_t length = app1.size() + 2;
    Bytes out = {0xFF, 0xD8, 0xFF, 0xE1, static_cast<unsigned char>(length >> 8),
                 static_cast<unsigned char>(length & 0xFF)};
    out.insert(out.end(), app1.begin(), app1.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

cv::Vec3b at(const cv::Mat& m, int x, int y)
{
    return m.at<cv::Vec3b>(y, x);
}

bool near(const cv::Vec3b& a, const cv::Vec3b& b)
{
    return cv::norm(cv::Vec3i(a) - cv::Vec3i(b)) < 40;
}

const cv::Vec3b kRed(0, 0, 255), kBlue(255, 0, 0), kWhite(255, 255, 255);

TEST_F(ImageFile, ReadsJpegAndPngAsBgr)
{
    const cv::Mat img = marked_picture();
    for (const std::string ext : {".jpg", ".png"}) {
        SCOPED_TRACE(ext);
        const cv::Mat read = read_image_file(write("a" + ext, encode(ext, img)), kLimits);
        ASSERT_EQ(read.size(), img.size());
        EXPECT_EQ(read.type(), CV_8UC3);
        EXPECT_TRUE(near(at(read, 5, 5), kWhite));
        EXPECT_TRUE(near(at(read, 50, 80), kRed));
        EXPECT_TRUE(near(at(read, 150, 80), kBlue));
    }
}

TEST_F(ImageFile, GreyJpegComesOutAsThreeChannels)
{
    cv::Mat grey(50, 60, CV_8UC1, cv::Scalar(90));
    const cv::Mat read = read_image_file(write("g.jpg", encode(".jpg", grey)), kLimits);
    ASSERT_EQ(read.type(), CV_8UC3);
    EXPECT_NEAR(at(read, 10, 10)[1], 90, 3);
}

TEST_F(ImageFile, ExifOrientationIsApplied)
{
    const Bytes plain = encode(".jpg", marked_picture());
    for (const bool big_endian : {true, false}) {
        SCOPED_TRACE(big_endian ? "MM" : "II");
        // 2: stored mirrored; shown un-mirrored, so red is on the right.
        const cv::Mat mirrored = read_image_file(write("o2.jpg", with_orientation(plain, 2, big_endian)), kLimits);
        ASSERT_EQ(mirrored.size(), cv::Size(200, 120));
        EXPECT_TRUE(near(at(mirrored, 150, 80), kRed));
        EXPECT_TRUE(near(at(mirrored, 195, 5), kWhite));
        // 6: stored turned left; shown turned right, so the top-left corner goes top-right.
        const cv::Mat turned = read_image_file(write("o6.jpg", with_orientation(plain, 6, big_endian)), kLimits);
        ASSERT_EQ(turned.size(), cv::Size(120, 200));
        EXPECT_TRUE(near(at(turned, 115, 5), kWhite));
        EXPECT_TRUE(near(at(turned, 60, 50), kRed));
        EXPECT_TRUE(near(at(turned, 60, 150), kBlue));
        // 1: as stored.
        const cv::Mat upright = read_image_file(write("o1.jpg", with_orientation(plain, 1, big_endian)), kLimits);
        EXPECT_TRUE(near(at(upright, 5, 5), kWhite));
    }
}

TEST_F(ImageFile, ExifParserIgnoresWhatItCannotRead)
{
    const unsigned char garbage[] = {'E', 'x', 'i', 'f', 0, 0, 'X', 'X', 0, 42, 0, 0, 0, 8, 0xFF, 0xFF};
    EXPECT_EQ(kiosk::photo::exif_orientation(garbage, sizeof garbage), 1);
    const unsigned char truncated[] = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0x10, 0, 0, 9};
    EXPECT_EQ(kiosk::photo::exif_orientation(truncated, sizeof truncated), 1);
    const unsigned char not_exif[] = {'h', 't', 't', 'p', ':', '/', '/', 'n', 's', '.', 'a', 'd', 'o', 'b', 'e'};
    EXPECT_EQ(kiosk::photo::exif_orientation(not_exif, sizeof not_exif), 1);
}

TEST_F(ImageFile, BadFilesAreClearErrors)
{
    cv::Mat noisy(300, 400, CV_8UC3);
    cv::randu(noisy, cv::Scalar::all(0), cv::Scalar::all(256));
    const Bytes jpeg = encode(".jpg", noisy);
    const Bytes png = encode(".png", noisy);
    const std::string text = "hello";

    EXPECT_NE(error_of(dir_.path() / "missing.jpg").find("no such file"), std::string::npos);
    EXPECT_NE(error_of(dir_.path()).find("not a regular file"), std::string::npos);
    EXPECT_NE(error_of(write("empty.jpg", {})).find("empty"), std::string::npos);
    EXPECT_NE(error_of(write("text.jpg", {text.begin(), text.end()})).find("not a JPEG or PNG"), std::string::npos);
    EXPECT_NE(error_of(write("half.jpg", {jpeg.begin(), jpeg.begin() + jpeg.size() / 2})).find("truncated"),
              std::string::npos);
    EXPECT_NE(error_of(write("head.jpg", {jpeg.begin(), jpeg.begin() + 40})).find("JPEG"), std::string::npos);
    EXPECT_NE(error_of(write("half.png", {png.begin(), png.begin() + png.size() / 2})).find("PNG"),
              std::string::npos);
    EXPECT_NE(error_of(write("big.jpg", jpeg), {kLimits.max_pixels, 1000}).find("larger than the limit"),
              std::string::npos);
    EXPECT_EQ(error_of(write("whole.jpg", jpeg)), "");
}

TEST_F(ImageFile, HeadersDeclaringTooManyPixelsAreRefusedBeforeDecoding)
{
    // 60000 x 60000 declared in a few hundred bytes: decoding would need about 10 GB.
    Bytes jpeg = encode(".jpg", cv::Mat(16, 16, CV_8UC3, cv::Scalar::all(128)));
    for (std::size_t i = 2; i + 9 < jpeg.size(); ++i)
        if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
            jpeg[i + 5] = jpeg[i + 7] = 0xEA;
            jpeg[i + 6] = jpeg[i + 8] = 0x60;
            break;
        }
    EXPECT_NE(error_of(write("bomb.jpg", jpeg)).find("60000x60000"), std::string::npos);

    Bytes png = encode(".png", cv::Mat(16, 16, CV_8UC3, cv::Scalar::all(128)));
    png[16] = png[20] = 0;
    png[17] = png[21] = 0;
    png[18] = png[22] = 0xEA;
    png[19] = png[23] = 0x60;
    EXPECT_NE(error_of(write("bomb.png", png)).find("60000x60000"), std::string::npos);

    // Just inside the limit reads.
    const cv::Mat ok(100, 100, CV_8UC3, cv::Scalar::all(1));
    EXPECT_EQ(error_of(write("ok.jpg", encode(".jpg", ok)), {100 * 100, kLimits.max_file_bytes}), "");
    EXPECT_NE(error_of(write("ok.jpg", encode(".jpg", ok)), {100 * 100 - 1, kLimits.max_file_bytes}), "");
}

} // namespace
