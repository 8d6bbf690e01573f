#include <fstream>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/paths.h"
#include "spec/document_spec.h"
#include "support/test_folder.h"

namespace {

using kiosk::ConfigError;
using namespace kiosk::spec;

class TempSpecDir : public ::testing::Test {
protected:
    void write(const std::string& name, const std::string& text)
    {
        std::ofstream(dir_.path() / name) << text;
    }

    // A valid spec with one field replaced by `patch` (JSON merge patch).
    std::string spec_with(const nlohmann::json& patch)
    {
        nlohmann::json base = R"({
          "id": "t", "name": {"zh-CN": "测试", "en": "Test"},
          "output": {"width_px": 358, "height_px": 441, "dpi": 350, "print_width_mm": 26, "print_height_mm": 32},
          "geometry": {"face_width_px": [193, 221], "crown_from_top_px": [7, 21]},
          "background": [{"name": "white", "rgb": [255, 255, 255]}],
          "jpeg": {"quality_min": 70, "size_kb": [14, 20]},
          "glasses": "allowed", "validity_days": 60
        })"_json;
        if (!patch.is_null())
            base.merge_patch(patch);
        return base.dump();
    }

    kiosk::test::TestFolder dir_{"kiosk-spec-test"};
};

TEST(ShippedSpecs, AllLoadWithTheirOfficialFigures)
{
    const auto dir = kiosk::config_dir() / "specs";
    const auto specs = load_all_specs(dir);
    ASSERT_EQ(specs.size(), 6u);

    const auto id = load_spec(dir, "resident-id");
    EXPECT_EQ(id.output.width_px, 358);
    EXPECT_EQ(id.output.height_px, 441);
    EXPECT_EQ(id.output.dpi, 350);
    ASSERT_TRUE(id.geometry.face_width_px);
    EXPECT_EQ(id.geometry.face_width_px->min, 193);
    EXPECT_EQ(id.geometry.face_width_px->max, 221);
    EXPECT_EQ(*id.geometry.eye_line_from_bottom_min_px, 207);
    EXPECT_EQ(id.glasses, GlassesPolicy::RequiredIfWorn);

    const auto ee = load_spec(dir, "exit-entry");
    EXPECT_EQ(ee.output.width_px, 354);
    EXPECT_EQ(ee.output.height_px, 472);
    EXPECT_EQ(ee.background.size(), 3u);
    EXPECT_EQ(ee.background[1].min_channel, 210);

    const auto dl = load_spec(dir, "driver-licence");
    EXPECT_EQ(dl.geometry.head_length_px->min, 224);
    EXPECT_EQ(dl.geometry.head_length_px->max, 260);
}

TEST(ShippedSpecs, EveryCheckHasThresholdsFromDefaults)
{
    const auto spec = load_spec(kiosk::config_dir() / "specs", "exit-entry");
    EXPECT_DOUBLE_EQ(spec.checks.number("yaw", "max_abs_deg"), 5.0);
    EXPECT_DOUBLE_EQ(spec.checks.number("roll", "max_abs_deg"), 8.0);
}

TEST_F(TempSpecDir, SpecOverridesADefaultThreshold)
{
    write("defaults.json", R"({"checks": {"yaw": {"max_abs_deg": 5}, "roll": {"max_abs_deg": 8}}})");
    write("t.json", spec_with({{"checks", {{"yaw", {{"max_abs_deg", 3}}}}}}));
    const auto s = load_spec(dir_.path(), "t");
    EXPECT_DOUBLE_EQ(s.checks.number("yaw", "max_abs_deg"), 3);
    EXPECT_DOUBLE_EQ(s.checks.number("roll", "max_abs_deg"), 8);
}

TEST_F(TempSpecDir, UnknownSpecNamesTheKnownOnes)
{
    write("t.json", spec_with({}));
    try {
        load_spec(dir_.path(), "passport-xl");
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("known: t"), std::string::npos) << e.what();
    }
}

TEST_F(TempSpecDir, BadValuesNameTheField)
{
    const std::pair<nlohmann::json, std::string> cases[] = {
        {{{"output", {{"dpi", -3}}}}, "output.dpi"},
        {{{"geometry", {{"face_width_px", {221, 193}}}}}, "geometry.face_width_px"},
        {{{"glasses", "sometimes"}}, "glasses"},
        {{{"background", {{{"name", "white"}, {"rgb", {255, 300, 0}}}}}}, "background[0].rgb"},
        {{{"jpeg", {{"quality_min", 101}}}}, "jpeg.quality_min"},
        {{{"id", "other"}}, "id"},
        {{{"name", {{"zh-CN", nullptr}}}}, "name"},
    };
    for (const auto& [patch, field] : cases) {
        write("t.json", spec_with(patch));
        try {
            load_spec(dir_.path(), "t");
            ADD_FAILURE() << "accepted " << patch.dump();
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(field), std::string::npos)
                << "error for " << patch.dump() << " does not name " << field << ": " << e.what();
        }
    }
}

TEST_F(TempSpecDir, BrokenJsonGivesTheByteOffset)
{
    write("t.json", "{\"id\": \"t\",, }");
    try {
        load_spec(dir_.path(), "t");
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("not valid JSON at byte"), std::string::npos) << e.what();
    }
}

TEST_F(TempSpecDir, MissingThresholdNamesSpecCheckAndKey)
{
    write("t.json", spec_with({}));
    const auto s = load_spec(dir_.path(), "t");
    try {
        s.checks.number("yaw", "max_abs_deg");
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("spec t: no thresholds for check \"yaw\""), std::string::npos)
            << e.what();
    }
}

} // namespace
