#include "kiosk-ui/field_editor.h"

#include <algorithm>

#include "kiosk-ui/utf8_text.h"

namespace kiosk::ui {
namespace {

// Pages of candidates offered for one spelling; the rest are rare readings
// a name almost never needs.
constexpr std::size_t kCandidatePages = 8;

} // namespace

FieldEditor::FieldEditor(PinyinEngine* pinyin, std::size_t candidates_per_page)
    : pinyin_(pinyin), per_page_(std::max<std::size_t>(1, candidates_per_page))
{
}

void FieldEditor::reset()
{
    field_.reset();
    value_.clear();
    seen_.clear();
    in_flight_.clear();
    spelling_.clear();
    candidates_.clear();
    page_ = 0;
}

void FieldEditor::follow(const session::FormField* focused)
{
    if (!focused) {
        reset();
        return;
    }
    if (field_ != focused->field) {
        reset();
        field_ = focused->field;
        keyboard_ = focused->keyboard;
        value_ = seen_ = focused->value;
        return;
    }
    keyboard_ = focused->keyboard;
    if (focused->value == seen_)
        return;
    seen_ = focused->value;
    const auto posted = std::find(in_flight_.begin(), in_flight_.end(), seen_);
    if (posted != in_flight_.end()) {
        in_flight_.erase(in_flight_.begin(), posted + 1);
        return;
    }
    // The session changed the value itself: it wins.
    in_flight_.clear();
    value_ = seen_;
}

bool FieldEditor::composes_pinyin() const
{
    return keyboard_ == session::Keyboard::Pinyin && pinyin_ != nullptr;
}

std::optional<session::FieldEdited> FieldEditor::set_value(std::string value)
{
    if (!field_ || value == value_)
        return std::nullopt;
    value_ = std::move(value);
    in_flight_.push_back(value_);
    return session::FieldEdited{*field_, value_};
}

void FieldEditor::look_up()
{
    page_ = 0;
    candidates_.clear();
    if (!spelling_.empty() && pinyin_)
        candidates_ = pinyin_->candidates(spelling_, per_page_ * kCandidatePages);
}

std::optional<session::FieldEdited> FieldEditor::take_candidate(std::size_t absolute_index)
{
    if (absolute_index >= candidates_.size())
        return std::nullopt;
    const PinyinCandidate chosen = candidates_[absolute_index];
    spelling_.erase(0, std::min(chosen.letters_used, spelling_.size()));
    look_up();
    return set_value(value_ + chosen.hanzi);
}

std::optional<session::FieldEdited> FieldEditor::press(const Key& key)
{
    if (!field_)
        return std::nullopt;
    if (!key.special) {
        if (composes_pinyin()) {
            const bool letter = key.character.size() == 1 && PinyinEngine::is_spelling_letter(key.character[0]);
            if (letter) {
                if (spelling_.size() < pinyin_->max_letters()) {
                    spelling_ += key.character;
                    look_up();
                }
                return std::nullopt;
            }
            // A separator such as the middle dot ends the spelling with its
            // best reading first, as a citizen would expect.
            if (!spelling_.empty()) {
                const std::string best = candidates_.empty() ? std::string() : candidates_.front().hanzi;
                spelling_.clear();
                look_up();
                return set_value(value_ + best + key.character);
            }
        }
        return set_value(value_ + key.character);
    }
    switch (*key.special) {
    case SpecialKey::Backspace:
        if (composes_pinyin() && !spelling_.empty()) {
            spelling_.pop_back();
            look_up();
            return std::nullopt;
        }
        return set_value(without_last_code_point(value_));
    case SpecialKey::Space:
        if (composes_pinyin())
            return spelling_.empty() ? std::nullopt : take_candidate(0);
        return value_.empty() ? std::nullopt : set_value(value_ + " ");
    case SpecialKey::Clear:
        spelling_.clear();
        look_up();
        return set_value("");
    case SpecialKey::MoreCandidates:
        page_ = has_more_candidates() ? page_ + 1 : 0;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<session::FieldEdited> FieldEditor::choose(std::size_t index)
{
    return take_candidate(page_ * per_page_ + index);
}

std::vector<std::string> FieldEditor::candidates_on_page() const
{
    std::vector<std::string> out;
    for (std::size_t i = page_ * per_page_; i < candidates_.size() && out.size() < per_page_; ++i)
        out.push_back(candidates_[i].hanzi);
    return out;
}

bool FieldEditor::has_more_candidates() const
{
    return (page_ + 1) * per_page_ < candidates_.size();
}

} // namespace kiosk::ui
