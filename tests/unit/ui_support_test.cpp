#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "kiosk-ui/lockdown.h"
#include "kiosk-ui/screen_text.h"
#include "kiosk-ui/ui_settings.h"
#include "kiosk-ui/utf8_text.h"
#include "support/test_folder.h"

namespace {

TEST(Placeholders, AreFilledAndAMissingValueStaysVisible)
{
    using kiosk::ui::fill_placeholders;
    EXPECT_EQ(fill_placeholders("{n} seconds left", {{"n", "12"}}), "12 seconds left");
    EXPECT_EQ(fill_placeholders("还剩{n}秒，{who}", {{"n", "5"}}), "还剩5秒，{who}");
    EXPECT_EQ(fill_placeholders("no braces", {{"n", "5"}}), "no braces");
    EXPECT_EQ(fill_placeholders("open { only", {}), "open { only");
}

TEST(ScreenText, BothLocalesComeFromTheShippedCatalogs)
{
    const kiosk::ui::ScreenText text(kiosk::config_dir());
    const auto zh = text.text("zh-CN", "advice.move_closer");
    const auto en = text.text("en", "advice.move_closer");
    EXPECT_NE(zh, en);
    EXPECT_EQ(en, "Please move a little closer to the camera");
    for (const char* key : {"keyboard.backspace", "keyboard.space", "keyboard.clear", "keyboard.more_candidates"}) {
        EXPECT_NE(text.text("zh-CN", key), key) << key << " missing from zh-CN";
        EXPECT_NE(text.text("en", key), key) << key << " missing from en";
    }
}

TEST(Utf8Text, Utf16CandidatesBecomeUtf8)
{
    using kiosk::ui::utf8_from_utf16;
    EXPECT_EQ(utf8_from_utf16(u"张伟"), "张伟");
    EXPECT_EQ(utf8_from_utf16(u"a\U00020000b"), "a\U00020000b") << "a surrogate pair is one character";
    EXPECT_EQ(utf8_from_utf16(std::u16string(1, char16_t(0xD800))), "\uFFFD");
}

TEST(Utf8Text, TheLastCharacterIsRemovedWhole)
{
    using kiosk::ui::without_last_code_point;
    EXPECT_EQ(without_last_code_point("李娜"), "李");
    EXPECT_EQ(without_last_code_point("A"), "");
    EXPECT_EQ(without_last_code_point(""), "");
    EXPECT_EQ(kiosk::ui::code_point_count("阿依·A"), 4u);
}

SDL_Event key_event(SDL_Keycode key, Uint16 mod)
{
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = key;
    e.key.keysym.mod = mod;
    return e;
}

TEST(Lockdown, NoKeyAndNoCloseRequestReachesTheFrontEnd)
{
    using kiosk::ui::admits;
    EXPECT_FALSE(admits(key_event(SDLK_F4, KMOD_LALT)));
    EXPECT_FALSE(admits(key_event(SDLK_TAB, KMOD_LALT)));
    EXPECT_FALSE(admits(key_event(SDLK_q, KMOD_LCTRL)));
    EXPECT_FALSE(admits(key_event(SDLK_ESCAPE, 0)));
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    EXPECT_FALSE(admits(quit));
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    EXPECT_FALSE(admits(close));

    SDL_Event click{};
    click.type = SDL_MOUSEBUTTONDOWN;
    EXPECT_TRUE(admits(click));
    SDL_Event finger{};
    finger.type = SDL_FINGERUP;
    EXPECT_TRUE(admits(finger));
    SDL_Event exposed{};
    exposed.type = SDL_WINDOWEVENT;
    exposed.window.event = SDL_WINDOWEVENT_EXPOSED;
    EXPECT_TRUE(admits(exposed));
}

// A copy of config/ui to break one field at a time.
class UiConfigCopy : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::filesystem::create_directories(dir_.path() / "ui");
        for (const auto& e : std::filesystem::directory_iterator(kiosk::config_dir() / "ui"))
            std::filesystem::copy_file(e.path(), dir_.path() / "ui" / e.path().filename());
    }

    void change(const std::string& file, const nlohmann::json::json_pointer& where, const nlohmann::json& value)
    {
        auto doc = kiosk::load_json_file(dir_.path() / "ui" / file);
        doc[where] = value;
        std::ofstream(dir_.path() / "ui" / file) << doc.dump(2);
    }

    std::string error_of(kiosk::ui::Layout layout = kiosk::ui::Layout::Portrait)
    {
        try {
            kiosk::ui::load_ui_settings(dir_.path(), layout);
        } catch (const kiosk::ConfigError& e) {
            return e.what();
        }
        return "";
    }

    kiosk::test::TestFolder dir_{"kiosk-ui-config-test"};
};

TEST_F(UiConfigCopy, TheShippedFilesLoadForBothLayouts)
{
    EXPECT_EQ(error_of(kiosk::ui::Layout::Portrait), "");
    EXPECT_EQ(error_of(kiosk::ui::Layout::Landscape), "");
    const auto s = kiosk::ui::load_ui_settings(dir_.path(), kiosk::ui::Layout::Landscape);
    EXPECT_EQ(s.metrics.width, 1920);
    EXPECT_EQ(s.metrics.height, 1080);
    EXPECT_EQ(s.keyboards.at(kiosk::session::Keyboard::Pinyin).rows.at(2).back(), "·");
}

TEST_F(UiConfigCopy, ABadColourNamesItsField)
{
    change("ui.json", "/colours/ring"_json_pointer, "green");
    EXPECT_NE(error_of().find("colours.ring"), std::string::npos) << error_of();
    change("ui.json", "/colours/ring"_json_pointer, "#12345g");
    EXPECT_NE(error_of().find("colours.ring"), std::string::npos) << error_of();
}

TEST_F(UiConfigCopy, AnUnknownSpecialKeyIsRefused)
{
    change("keyboard.json", "/digits/specials"_json_pointer, {"backspace", "enter"});
    EXPECT_NE(error_of().find("enter"), std::string::npos) << error_of();
}

TEST_F(UiConfigCopy, AScreenTooShortForAFormIsRefused)
{
    change("portrait.json", "/keyboard_height"_json_pointer, 1800);
    EXPECT_NE(error_of().find("portrait.json"), std::string::npos) << error_of();
}

TEST_F(UiConfigCopy, AMissingLayoutFileNamesIt)
{
    std::filesystem::remove(dir_.path() / "ui" / "landscape.json");
    EXPECT_NE(error_of(kiosk::ui::Layout::Landscape).find("landscape.json"), std::string::npos);
}

} // namespace
