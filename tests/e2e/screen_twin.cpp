#include "e2e/screen_twin.h"

#include <algorithm>
#include <stdexcept>

#include "core/paths.h"
#include "kiosk-ui/technician_gesture.h"
#include "session/session_state.h"
#include "session/view_builder.h"

namespace kiosk::test {

namespace {

SDL_Point centre(const SDL_Rect& r)
{
    return {r.x + r.w / 2, r.y + r.h / 2};
}

} // namespace

ScreenTwin::ScreenTwin(ui::Layout layout)
    : settings_(ui::load_ui_settings(config_dir(), layout)),
      session_settings_(session::SessionSettings::load(config_dir())),
      documents_(spec::load_all_specs(config_dir() / "specs")),
      pinyin_(settings_.pinyin_dictionary, settings_.pinyin_max_letters),
      editor_(&pinyin_, settings_.metrics.candidates_per_page),
      session_(session_settings_, documents_, session::SteadyClock::now())
{
    for (const auto device : {session::Device::Camera, session::Device::Printer, session::Device::Controller})
        session_.handle(session::DeviceChanged{device, true, ""});
    view_ = session_.view();
}

ui::ScreenLayout ScreenTwin::layout() const
{
    const ui::KeyboardKeys* keys = nullptr;
    for (const auto& f : view_->fields)
        if (view_->focused_field == f.field)
            keys = &settings_.keyboards.at(f.keyboard);
    return ui::lay_out({*view_, settings_.metrics, keys, editor_.candidates_on_page().size(), std::nullopt});
}

std::string ScreenTwin::report_line() const
{
    std::string line(session::to_string(view_->step));
    line += ' ';
    line += view_->focused_field ? std::string(session::to_string(*view_->focused_field)) : "-";
    if (!view_->fields.empty())
        line += std::all_of(view_->fields.begin(), view_->fields.end(), [](const auto& f) { return f.valid; })
                    ? " complete"
                    : " incomplete";
    return line;
}

void ScreenTwin::follow_focus()
{
    const session::FormField* focused = nullptr;
    for (const auto& f : view_->fields)
        if (view_->focused_field == f.field)
            focused = &f;
    editor_.follow(focused);
}

void ScreenTwin::apply(const session::Event& event)
{
    session_.handle(event);
    view_ = session_.view();
    follow_focus();
}

void ScreenTwin::press(const ui::Key& key)
{
    if (auto edit = editor_.press(key))
        apply(*edit);
}

void ScreenTwin::choose(std::size_t candidate)
{
    if (auto edit = editor_.choose(candidate))
        apply(*edit);
}

void ScreenTwin::show_step(session::Step step)
{
    session::SessionState state;
    state.settings = session_settings_;
    state.documents = documents_;
    state.now = session::SteadyClock::now();
    state.step = step;
    state.step_entered = state.last_activity = state.now;
    state.locale = session_settings_.locales.front();
    view_ = std::make_shared<const session::ViewModel>(session::build_view(state));
    follow_focus();
}

SDL_Point ScreenTwin::button(session::Action action) const
{
    const auto rects = layout().buttons;
    for (std::size_t i = 0; i < view_->buttons.size(); ++i)
        if (view_->buttons[i].action == action && view_->buttons[i].enabled)
            return centre(rects.at(i));
    throw std::runtime_error("no enabled button for that action on the " +
                             std::string(session::to_string(view_->step)) + " screen");
}

SDL_Point ScreenTwin::document(const std::string& spec_id) const
{
    const auto rects = layout().cards;
    for (std::size_t i = 0; i < view_->documents.size(); ++i)
        if (view_->documents[i].spec_id == spec_id)
            return centre(rects.at(i));
    throw std::runtime_error("no card for document " + spec_id);
}

SDL_Point ScreenTwin::field(session::Field field) const
{
    const auto rects = layout().fields;
    for (std::size_t i = 0; i < view_->fields.size(); ++i)
        if (view_->fields[i].field == field)
            return centre(rects.at(i));
    throw std::runtime_error("no field " + std::string(session::to_string(field)));
}

SDL_Point ScreenTwin::key(const ui::Key& key) const
{
    for (const auto& cap : layout().keys)
        if (cap.key == key)
            return centre(cap.rect);
    throw std::runtime_error("no key \"" + (key.special ? std::string(ui::to_string(*key.special)) : key.character) +
                             "\" on the keyboard shown");
}

SDL_Point ScreenTwin::candidate(std::size_t index) const
{
    return centre(layout().candidates.at(index));
}

SDL_Point ScreenTwin::technician_corner() const
{
    return centre(ui::gesture_corner(settings_.technician_gesture, settings_.metrics));
}

SDL_Point ScreenTwin::pin_key(char digit) const
{
    for (const auto& cap : layout().pin_keys)
        if (cap.key.digit == digit)
            return centre(cap.rect);
    throw std::runtime_error(std::string("no PIN key \"") + digit + "\" on the " +
                             std::string(session::to_string(view_->step)) + " screen");
}

SDL_Rect ScreenTwin::procedure_row(const std::string& name) const
{
    const auto rows = layout().procedure_rows;
    for (std::size_t i = 0; i < view_->procedures.size(); ++i)
        if (view_->procedures[i].procedure == name)
            return rows.at(i).row;
    throw std::runtime_error("no menu row for procedure " + name);
}

SDL_Point ScreenTwin::procedure(const std::string& name) const
{
    return centre(procedure_row(name));
}

} // namespace kiosk::test
