#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/paths.h"
#include "photo/photo_settings.h"
#include "support/test_folder.h"

namespace {

using kiosk::ConfigError;
using kiosk::photo::ChromaSubsampling;
using kiosk::photo::load_photo_settings;

TEST(PhotoSettings, ShippedFileLoads)
{
    const auto s = load_photo_settings(kiosk::config_dir());
    EXPECT_GT(s.input.max_pixels, 10'000'000);   // room for any kiosk or studio camera
    EXPECT_GT(s.input.max_file_bytes, 0);
    EXPECT_GT(s.render.feather_px, 0);
    EXPECT_LE(s.render.area_downscale_below, 1);
    EXPECT_EQ(s.jpeg.subsampling, ChromaSubsampling::S420);
}

class BrokenSettings : public ::testing::Test {
protected:
    // The ConfigError message for the shipped file with `patch` merged in.
    std::string error_with(const nlohmann::json& patch)
    {
        nlohmann::json doc;
        std::ifstream(kiosk::config_dir() / "photo.json") >> doc;
        doc.merge_patch(patch);
        std::ofstream(dir_.path() / "photo.json") << doc.dump();
        try {
            load_photo_settings(dir_.path());
            return "";
        } catch (const ConfigError& e) {
            return e.what();
        }
    }

    kiosk::test::TestFolder dir_{"kiosk-photo-settings-test"};
};

TEST_F(BrokenSettings, EachBadFieldIsNamed)
{
    EXPECT_NE(error_with({{"input", {{"max_pixels", nullptr}}}}).find("input.max_pixels"), std::string::npos);
    EXPECT_NE(error_with({{"input", {{"max_pixels", -5}}}}).find("input.max_pixels"), std::string::npos);
    EXPECT_NE(error_with({{"render", {{"feather_px", "soft"}}}}).find("render.feather_px"), std::string::npos);
    EXPECT_NE(error_with({{"render", {{"area_downscale_below", 2}}}}).find("area_downscale_below"),
              std::string::npos);
    EXPECT_NE(error_with({{"jpeg", {{"chroma_subsampling", "4:2:2"}}}}).find("chroma_subsampling"),
              std::string::npos);
    EXPECT_NE(error_with({{"render", nullptr}}).find("render"), std::string::npos);
    EXPECT_EQ(error_with({{"jpeg", {{"chroma_subsampling", "4:4:4"}}}}), "");
}

TEST_F(BrokenSettings, MissingOrUnparsableFileIsAnError)
{
    EXPECT_THROW(load_photo_settings(dir_.path()), ConfigError);
    std::ofstream(dir_.path() / "photo.json") << "{\"input\": ";
    EXPECT_THROW(load_photo_settings(dir_.path()), ConfigError);
}

} // namespace
