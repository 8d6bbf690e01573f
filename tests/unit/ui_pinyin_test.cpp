#include <algorithm>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/paths.h"
#include "kiosk-ui/pinyin_engine.h"
#include "kiosk-ui/ui_settings.h"

namespace {

using kiosk::ui::PinyinCandidate;
using kiosk::ui::PinyinEngine;

class Pinyin : public ::testing::Test {
protected:
    static kiosk::ui::UiSettings settings()
    {
        return kiosk::ui::load_ui_settings(kiosk::config_dir(), kiosk::ui::Layout::Portrait);
    }
    void SetUp() override
    {
        const auto s = settings();
        if (!std::filesystem::exists(s.pinyin_dictionary))
            GTEST_SKIP() << "pinyin dictionary " << s.pinyin_dictionary << " missing (install libgooglepinyin0)";
        engine_ = std::make_unique<PinyinEngine>(s.pinyin_dictionary, s.pinyin_max_letters);
    }

    // Position of `hanzi` among the candidates, or -1.
    int rank_of(const std::vector<PinyinCandidate>& found, const std::string& hanzi)
    {
        const auto it = std::find_if(found.begin(), found.end(), [&](const auto& c) { return c.hanzi == hanzi; });
        return it == found.end() ? -1 : static_cast<int>(it - found.begin());
    }

    std::unique_ptr<PinyinEngine> engine_;
};

TEST_F(Pinyin, ZhangOffersTheCommonSurnameFirst)
{
    const auto found = engine_->candidates("zhang", 10);
    const int rank = rank_of(found, "张");
    ASSERT_GE(rank, 0);
    EXPECT_LT(rank, 3);
    EXPECT_EQ(found[static_cast<std::size_t>(rank)].letters_used, 5u);
}

TEST_F(Pinyin, WeiOffersTheGivenNameCharacterAmongTheFirst)
{
    const auto found = engine_->candidates("wei", 10);
    const int rank = rank_of(found, "伟");
    ASSERT_GE(rank, 0) << "伟 not among the first 10 candidates for wei";
}

TEST_F(Pinyin, AWholeNameComesFirstAndItsSurnameCoversOnlyItsSyllable)
{
    const auto found = engine_->candidates("zhangwei", 20);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found.front().hanzi, "张伟");
    EXPECT_EQ(found.front().letters_used, 8u);
    const int surname = rank_of(found, "张");
    ASSERT_GE(surname, 0);
    EXPECT_EQ(found[static_cast<std::size_t>(surname)].letters_used, 5u);
}

TEST_F(Pinyin, TheLimitIsKept)
{
    EXPECT_EQ(engine_->candidates("li", 4).size(), 4u);
}

TEST_F(Pinyin, WhatIsNotASpellingFindsNothing)
{
    EXPECT_TRUE(engine_->candidates("", 10).empty());
    EXPECT_TRUE(engine_->candidates("Zhang", 10).empty());
    EXPECT_TRUE(engine_->candidates("zh4ng", 10).empty());
    EXPECT_TRUE(engine_->candidates(std::string(engine_->max_letters() + 1, 'a'), 10).empty());
}

TEST_F(Pinyin, OnlyOneEngineMayBeOpenAtATime)
{
    const auto s = settings();
    EXPECT_THROW(PinyinEngine(s.pinyin_dictionary, s.pinyin_max_letters), std::logic_error);
    engine_.reset();
    EXPECT_NO_THROW(PinyinEngine(s.pinyin_dictionary, s.pinyin_max_letters));
}

TEST(PinyinDictionary, AMissingDictionaryIsAConfigErrorNamingIt)
{
    try {
        PinyinEngine engine("/nonexistent/dict_pinyin.dat", 10);
        FAIL() << "no error";
    } catch (const kiosk::ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/dict_pinyin.dat"), std::string::npos);
    }
}

} // namespace
