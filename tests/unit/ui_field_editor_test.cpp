#include <algorithm>

#include <gtest/gtest.h>

#include "core/paths.h"
#include "kiosk-ui/field_editor.h"
#include "kiosk-ui/ui_settings.h"

namespace {

using kiosk::session::Field;
using kiosk::session::FieldEdited;
using kiosk::session::FormField;
using kiosk::session::Keyboard;
using kiosk::ui::FieldEditor;
using kiosk::ui::Key;
using kiosk::ui::SpecialKey;

Key ch(const std::string& c)
{
    return Key{std::nullopt, c};
}
Key special(SpecialKey k)
{
    return Key{k, {}};
}

FormField field(Field f, Keyboard kb, const std::string& value = "")
{
    FormField out;
    out.field = f;
    out.keyboard = kb;
    out.value = value;
    return out;
}

// Presses each key and returns the values posted, in order.
std::vector<std::string> type(FieldEditor& editor, const std::vector<Key>& keys)
{
    std::vector<std::string> posted;
    for (const auto& k : keys)
        if (auto e = editor.press(k))
            posted.push_back(e->value);
    return posted;
}

std::vector<Key> letters(const std::string& word)
{
    std::vector<Key> out;
    for (const char c : word)
        out.push_back(ch(std::string(1, c)));
    return out;
}

TEST(FieldEditor, EachKeyPostsTheFieldsFullNewValue)
{
    FieldEditor editor(nullptr, 7);
    const auto phone = field(Field::Phone, Keyboard::Digits);
    editor.follow(&phone);
    EXPECT_EQ(type(editor, {ch("1"), ch("3"), ch("8")}), (std::vector<std::string>{"1", "13", "138"}));
    auto edit = editor.press(special(SpecialKey::Backspace));
    ASSERT_TRUE(edit);
    EXPECT_EQ(edit->field, Field::Phone);
    EXPECT_EQ(edit->value, "13");
    EXPECT_EQ(editor.press(special(SpecialKey::Clear))->value, "");
    EXPECT_FALSE(editor.press(special(SpecialKey::Backspace))) << "nothing left to delete: nothing to post";
}

TEST(FieldEditor, NothingIsPostedWithoutAFocusedField)
{
    FieldEditor editor(nullptr, 7);
    editor.follow(nullptr);
    EXPECT_FALSE(editor.press(ch("1")));
}

TEST(FieldEditor, BackspaceRemovesAWholeHanzi)
{
    FieldEditor editor(nullptr, 7);
    const auto name = field(Field::Name, Keyboard::Latin, "张伟");
    editor.follow(&name);
    EXPECT_EQ(editor.press(special(SpecialKey::Backspace))->value, "张");
}

TEST(FieldEditor, QuickTypingIsNotLostToAViewModelThatLagsBehind)
{
    FieldEditor editor(nullptr, 7);
    auto id = field(Field::IdNumber, Keyboard::IdNumber);
    editor.follow(&id);
    type(editor, {ch("4"), ch("4"), ch("0")});
    id.value = "4"; // the session has handled only the first edit so far
    editor.follow(&id);
    EXPECT_EQ(editor.value(), "440");
    EXPECT_EQ(editor.press(ch("1"))->value, "4401");
    id.value = "4401";
    editor.follow(&id);
    EXPECT_EQ(editor.value(), "4401");
}

TEST(FieldEditor, TheSessionsOwnChangeWins)
{
    FieldEditor editor(nullptr, 7);
    auto id = field(Field::IdNumber, Keyboard::IdNumber);
    editor.follow(&id);
    type(editor, {ch("1"), ch("2")});
    id.value = "12";
    editor.follow(&id);
    id.value = ""; // e.g. the session cleared the form
    editor.follow(&id);
    EXPECT_EQ(editor.value(), "");
}

TEST(FieldEditor, AnotherFieldStartsFromTheSessionsValue)
{
    FieldEditor editor(nullptr, 7);
    const auto phone = field(Field::Phone, Keyboard::Digits, "139");
    editor.follow(&phone);
    type(editor, {ch("1")});
    const auto id = field(Field::IdNumber, Keyboard::IdNumber, "4401");
    editor.follow(&id);
    EXPECT_EQ(editor.field(), Field::IdNumber);
    EXPECT_EQ(editor.value(), "4401");
}

TEST(FieldEditor, LatinNamesTakeSpacesButDoNotStartWithOne)
{
    FieldEditor editor(nullptr, 7);
    const auto name = field(Field::Name, Keyboard::Latin);
    editor.follow(&name);
    EXPECT_FALSE(editor.press(special(SpecialKey::Space)));
    type(editor, letters("ANA"));
    EXPECT_EQ(editor.press(special(SpecialKey::Space))->value, "ANA ");
}

TEST(FieldEditor, WithoutAPinyinEngineThePinyinKeyboardTypesLetters)
{
    FieldEditor editor(nullptr, 7);
    const auto name = field(Field::Name, Keyboard::Pinyin);
    editor.follow(&name);
    EXPECT_EQ(type(editor, letters("li")).back(), "li");
}

class PinyinEditor : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto s = kiosk::ui::load_ui_settings(kiosk::config_dir(), kiosk::ui::Layout::Portrait);
        if (!std::filesystem::exists(s.pinyin_dictionary))
            GTEST_SKIP() << "pinyin dictionary " << s.pinyin_dictionary << " missing (install libgooglepinyin0)";
        engine_ = std::make_unique<kiosk::ui::PinyinEngine>(s.pinyin_dictionary, s.pinyin_max_letters);
        editor_ = std::make_unique<FieldEditor>(engine_.get(), 7);
        editor_->follow(&name_);
    }

    std::size_t index_on_page(const std::string& hanzi)
    {
        const auto page = editor_->candidates_on_page();
        const auto it = std::find(page.begin(), page.end(), hanzi);
        EXPECT_NE(it, page.end()) << hanzi << " not on the candidate page";
        return static_cast<std::size_t>(it - page.begin());
    }

    FormField name_ = field(Field::Name, Keyboard::Pinyin);
    std::unique_ptr<kiosk::ui::PinyinEngine> engine_;
    std::unique_ptr<FieldEditor> editor_;
};

TEST_F(PinyinEditor, LettersSpellWithoutPostingUntilACandidateIsChosen)
{
    EXPECT_TRUE(type(*editor_, letters("zhang")).empty());
    EXPECT_EQ(editor_->spelling(), "zhang");
    EXPECT_EQ(editor_->value(), "");
    const auto edit = editor_->choose(index_on_page("张"));
    ASSERT_TRUE(edit);
    EXPECT_EQ(edit->field, Field::Name);
    EXPECT_EQ(edit->value, "张");
    EXPECT_EQ(editor_->spelling(), "");
    EXPECT_TRUE(editor_->candidates_on_page().empty());
}

TEST_F(PinyinEditor, ChoosingTheSurnameLeavesTheGivenNameToSpell)
{
    type(*editor_, letters("zhangwei"));
    EXPECT_EQ(editor_->choose(index_on_page("张"))->value, "张");
    EXPECT_EQ(editor_->spelling(), "wei");
    EXPECT_EQ(editor_->choose(index_on_page("伟"))->value, "张伟");
    EXPECT_EQ(editor_->spelling(), "");
}

TEST_F(PinyinEditor, SpaceTakesTheBestReading)
{
    type(*editor_, letters("zhangwei"));
    EXPECT_EQ(editor_->press(special(SpecialKey::Space))->value, "张伟");
}

TEST_F(PinyinEditor, BackspaceEditsTheSpellingBeforeTheName)
{
    name_.value = "李";
    editor_->follow(&name_);
    type(*editor_, letters("na"));
    EXPECT_FALSE(editor_->press(special(SpecialKey::Backspace)));
    EXPECT_EQ(editor_->spelling(), "n");
    EXPECT_FALSE(editor_->press(special(SpecialKey::Backspace)));
    EXPECT_EQ(editor_->press(special(SpecialKey::Backspace))->value, "");
}

TEST_F(PinyinEditor, TheMiddleDotEndsTheSpellingWithItsBestReading)
{
    type(*editor_, letters("ayi"));
    const auto edit = editor_->press(ch("·"));
    ASSERT_TRUE(edit);
    EXPECT_EQ(editor_->spelling(), "");
    EXPECT_GT(edit->value.size(), std::string("·").size());
    EXPECT_EQ(edit->value.substr(edit->value.size() - std::string("·").size()), "·");
}

TEST_F(PinyinEditor, MoreCandidatesPagesThroughThemAndWrapsAround)
{
    type(*editor_, letters("wei"));
    const auto first = editor_->candidates_on_page();
    ASSERT_EQ(first.size(), 7u);
    ASSERT_TRUE(editor_->has_more_candidates());
    EXPECT_FALSE(editor_->press(special(SpecialKey::MoreCandidates)));
    const auto second = editor_->candidates_on_page();
    EXPECT_NE(first, second);
    while (editor_->has_more_candidates())
        editor_->press(special(SpecialKey::MoreCandidates));
    editor_->press(special(SpecialKey::MoreCandidates));
    EXPECT_EQ(editor_->candidates_on_page(), first);
}

} // namespace
