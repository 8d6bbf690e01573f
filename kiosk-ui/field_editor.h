#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "kiosk-ui/pinyin_engine.h"
#include "session/events.h"
#include "session/view_model.h"
#include "kiosk-ui/ui_settings.h"

namespace kiosk::ui {

// One key of the on-screen keyboard: a character, or a special key.
struct Key {
    std::optional<SpecialKey> special;
    std::string character; // UTF-8, when not special

    bool operator==(const Key&) const = default;
};

// The focused field's text as the citizen types it on the on-screen keyboard.
//
// Every edit is posted to the session as the field's full new value; the
// session answers with a new view model later. Between the two the editor
// keeps its own copy, so quick typing never loses a key to a view model that
// has not caught up. It follows the session when the session itself changes
// the value (a cleared form, a normalised entry).
//
// On the pinyin keyboard letters build a spelling that is shown but not
// posted; choosing one of the engine's candidates appends its hanzi to the
// value and posts that.
class FieldEditor {
public:
    // `pinyin` may be null when the engine could not be opened: the pinyin
    // keyboard then types the letters themselves.
    FieldEditor(PinyinEngine* pinyin, std::size_t candidates_per_page);

    // Called with the view model's focused field on every frame (null when
    // no field is focused). A new field starts from the session's value.
    void follow(const session::FormField* focused);

    // The edit to post, if the key changed the value.
    std::optional<session::FieldEdited> press(const Key& key);
    // Chooses the candidate at `index` of the page shown.
    std::optional<session::FieldEdited> choose(std::size_t index);

    std::optional<session::Field> field() const { return field_; }
    const std::string& value() const { return value_; }
    const std::string& spelling() const { return spelling_; }
    std::vector<std::string> candidates_on_page() const;
    bool has_more_candidates() const;

private:
    void reset();
    void look_up();
    std::optional<session::FieldEdited> set_value(std::string value);
    std::optional<session::FieldEdited> take_candidate(std::size_t absolute_index);
    bool composes_pinyin() const;

    PinyinEngine* pinyin_;
    std::size_t per_page_;

    std::optional<session::Field> field_;
    session::Keyboard keyboard_ = session::Keyboard::Digits;
    std::string value_;
    // The session's value last seen, and the values posted that it has not
    // shown yet, oldest first.
    std::string seen_;
    std::deque<std::string> in_flight_;

    std::string spelling_;
    std::vector<PinyinCandidate> candidates_;
    std::size_t page_ = 0;
};

} // namespace kiosk::ui
