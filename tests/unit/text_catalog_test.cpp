#include <fstream>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/paths.h"
#include "core/text_catalog.h"
#include "support/test_folder.h"

namespace {

using kiosk::ConfigError;
using kiosk::TextCatalog;

class TempCatalogDir : public ::testing::Test {
protected:
    void write(const std::string& name, const std::string& text) { std::ofstream(dir_.path() / name) << text; }

    kiosk::test::TestFolder dir_{"kiosk-text-test"};
};

TEST_F(TempCatalogDir, NestedKeysAreJoinedByDots)
{
    write("en.json", R"({"advice": {"move_closer": "Move closer", "deep": {"er": "x"}}})");
    const auto catalog = TextCatalog::load(dir_.path(), "en");
    EXPECT_EQ(catalog.text("advice.move_closer"), "Move closer");
    EXPECT_EQ(catalog.text("advice.deep.er"), "x");
    EXPECT_TRUE(catalog.has("advice.move_closer"));
    EXPECT_FALSE(catalog.has("advice"));
}

TEST_F(TempCatalogDir, MissingKeyFallsBackToTheOtherLocaleThenToTheKey)
{
    write("zh-CN.json", R"({"advice": {"move_closer": "请靠近一些"}})");
    write("en.json", R"({"advice": {"move_closer": "Move closer", "look_up": "Look up"}})");
    const auto zh = TextCatalog::load(dir_.path(), "zh-CN");
    EXPECT_EQ(zh.locale(), "zh-CN");
    EXPECT_EQ(zh.text("advice.move_closer"), "请靠近一些");
    EXPECT_EQ(zh.text("advice.look_up"), "Look up");
    EXPECT_FALSE(zh.has("advice.look_up"));
    EXPECT_EQ(zh.text("advice.not_there"), "advice.not_there");
}

TEST_F(TempCatalogDir, WorksWithoutTheFallbackFile)
{
    write("en.json", R"({"a": "b"})");
    const auto catalog = TextCatalog::load(dir_.path(), "en");
    EXPECT_EQ(catalog.text("a"), "b");
    EXPECT_EQ(catalog.text("c"), "c");
}

TEST_F(TempCatalogDir, BrokenFileIsAConfigErrorNamingTheFile)
{
    write("en.json", R"({"advice": {"move_closer": "Move closer",}})");
    try {
        TextCatalog::load(dir_.path(), "en");
        FAIL() << "a broken catalog loaded";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("en.json"), std::string::npos) << e.what();
    }
}

TEST_F(TempCatalogDir, BrokenFallbackFileIsAlsoAnError)
{
    write("en.json", R"({"a": "b"})");
    write("zh-CN.json", "not json");
    EXPECT_THROW(TextCatalog::load(dir_.path(), "en"), ConfigError);
}

TEST_F(TempCatalogDir, NonTextValueIsAConfigErrorNamingTheKey)
{
    write("en.json", R"({"advice": {"move_closer": 3}})");
    try {
        TextCatalog::load(dir_.path(), "en");
        FAIL() << "a number was accepted as text";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("advice.move_closer"), std::string::npos) << e.what();
    }
}

TEST_F(TempCatalogDir, MissingFileAndUnknownLocaleAreConfigErrors)
{
    EXPECT_THROW(TextCatalog::load(dir_.path(), "en"), ConfigError);
    write("fr.json", R"({"a": "b"})");
    EXPECT_THROW(TextCatalog::load(dir_.path(), "fr"), ConfigError);
}

// The texts photo-check prints exist in both shipped locales, so neither
// language shows a bare key.
TEST(ShippedCatalogs, PhotoCheckTextsExistInBothLocales)
{
    const auto dir = kiosk::config_dir() / "text";
    const auto zh = TextCatalog::load(dir, "zh-CN");
    const auto en = TextCatalog::load(dir, "en");
    for (const char* key : {"photo_check.column.check", "photo_check.column.status", "photo_check.column.value",
                            "photo_check.column.limit", "photo_check.column.advice", "photo_check.verdict.pass",
                            "photo_check.verdict.fail", "photo_check.verdict.error", "photo_check.status.pass",
                            "photo_check.status.fail", "photo_check.status.unknown", "photo_check.output"}) {
        EXPECT_TRUE(zh.has(key)) << key;
        EXPECT_TRUE(en.has(key)) << key;
        EXPECT_NE(zh.text(key), en.text(key)) << key;
    }
}

} // namespace
