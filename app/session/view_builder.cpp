#include "session/view_builder.h"

#include <algorithm>
#include <cmath>

#include "session/field_check.h"

namespace kiosk::session {
namespace {

Text text(std::string key) { return Text{std::move(key), {}}; }

std::string_view action_name(Action action)
{
    switch (action) {
    case Action::Start: return "start";
    case Action::ResubmitRejected: return "resubmit_rejected";
    case Action::ToggleLanguage: return "toggle_language";
    case Action::Next: return "next";
    case Action::Back: return "back";
    case Action::Skip: return "skip";
    case Action::Accept: return "accept";
    case Action::Retake: return "retake";
    case Action::Cancel: return "cancel";
    case Action::Finish: return "finish";
    case Action::RollbackProfile: return "rollback_profile";
    case Action::StopProcedure: return "stop_procedure";
    }
    return "unknown";
}

Button button(Action action, bool primary = false, bool enabled = true)
{
    return Button{action, text("button." + std::string(action_name(action))), primary, enabled};
}

Keyboard keyboard_for(Field field)
{
    switch (field) {
    case Field::Name: return Keyboard::Pinyin;
    case Field::IdNumber: return Keyboard::IdNumber;
    case Field::Phone: return Keyboard::Digits;
    case Field::ReceiptNumber: return Keyboard::Latin;
    }
    return Keyboard::Latin;
}

FormField form_field(const SessionState& state, Field field, bool optional)
{
    FormField form;
    form.field = field;
    form.label = text("field." + std::string(to_string(field)));
    form.keyboard = keyboard_for(field);
    form.optional = optional;
    const auto typed = state.visit.typed.find(field);
    form.value = typed != state.visit.typed.end() ? typed->second : std::string();
    const FieldVerdict verdict = check_field(field, form.value, state.settings.applicant);
    form.valid = !verdict.error || (optional && form.value.empty());
    const auto refused = state.visit.refused_edit.find(field);
    if (refused != state.visit.refused_edit.end())
        form.error = text(refused->second);
    else if (!form.valid && state.visit.left.contains(field))
        form.error = text(*verdict.error);
    return form;
}

DocumentCard document_card(const spec::DocumentSpec& spec, const std::string& locale)
{
    DocumentCard card;
    card.spec_id = spec.id;
    // The spec file carries the document's name in both languages; the
    // catalog entry only places it.
    const auto name = spec.name.find(locale);
    card.name = Text{"screen.choose_document.document_name",
                     {{"name", name != spec.name.end() ? name->second : spec.id}}};
    card.purpose = text("screen.purpose." + spec.id);
    card.width_px = spec.output.width_px;
    card.height_px = spec.output.height_px;
    if (!spec.background.empty()) {
        const auto& rgb = spec.background.front().rgb;
        card.background_bgr = cv::Scalar(rgb[2], rgb[1], rgb[0]);
    }
    return card;
}

std::optional<int> idle_warning(const SessionState& state)
{
    const auto timeout = state.settings.idle.timeout.find(state.step);
    if (timeout == state.settings.idle.timeout.end())
        return std::nullopt;
    const auto remaining = timeout->second - (state.now - state.last_activity);
    if (remaining > state.settings.idle.warning)
        return std::nullopt;
    const double seconds = std::chrono::duration<double>(remaining).count();
    return std::max(0, static_cast<int>(std::ceil(seconds)));
}

PoseGuide pose_guide(const SessionState& state)
{
    if (state.pose.guide)
        return *state.pose.guide;
    PoseGuide waiting;
    waiting.target = state.settings.default_guide;
    waiting.instruction = text("instruction.sit_and_look");
    return waiting;
}

// Seconds left of a PIN lock, rounded up, as the screen counts them down.
long long seconds_until(SteadyClock::time_point until, SteadyClock::time_point now)
{
    return std::chrono::ceil<std::chrono::seconds>(until - now).count();
}

void add_technician_content(const SessionState& state, ViewModel& view)
{
    const TechnicianVisit& t = state.technician;
    if (state.step == Step::TechnicianPin) {
        view.title = text("calibration.pin.title");
        view.subtitle = text("calibration.pin.subtitle");
        view.pin_digits = t.pin.size();
        const bool locked = t.locked_until && state.now < *t.locked_until;
        if (t.unavailable)
            view.notice = text("calibration.pin.unavailable");
        else if (locked)
            view.notice = Text{"calibration.pin.locked",
                               {{"seconds", std::to_string(seconds_until(*t.locked_until, state.now))}}};
        else if (t.checking)
            view.notice = text("calibration.pin.checking");
        else if (t.tries_left)
            view.notice = Text{"calibration.pin.wrong", {{"tries", std::to_string(*t.tries_left)}}};
        view.buttons = {button(Action::Next, true, !t.pin.empty() && !t.checking && !locked && !t.unavailable),
                        button(Action::Cancel)};
        return;
    }
    view.title = text("calibration.menu.title");
    view.subtitle = Text{"calibration.menu.subtitle", {{"technician", t.technician}}};
    for (const auto& procedure : state.settings.technician.procedures) {
        ProcedureRow row{procedure, text("calibration.procedure." + procedure), std::nullopt, t.running == procedure,
                         std::nullopt};
        if (const auto last = t.last.find(procedure); last != t.last.end())
            row.last = last->second;
        if (row.running)
            row.progress = t.progress;
        view.procedures.push_back(std::move(row));
    }
    view.profile = t.profile;
    if (t.running)
        // The running row names the procedure; the notice says what it means for the technician.
        view.notice = text(t.stopping ? "calibration.menu.stopping" : "calibration.menu.running");
    else if (t.rolling_back)
        view.notice = text("calibration.menu.rolling_back");
    const bool busy = t.running || t.rolling_back;
    if (t.running)
        view.buttons.push_back(button(Action::StopProcedure, true, !t.stopping));
    view.buttons.push_back(button(Action::RollbackProfile, false, !busy && t.profile && t.profile->can_roll_back));
    view.buttons.push_back(button(Action::Cancel, false, !busy));
}

void add_step_content(const SessionState& state, ViewModel& view)
{
    const Visit& visit = state.visit;
    switch (state.step) {
    case Step::OutOfService:
        view.notice = text(!state.devices.camera && !state.devices.camera_reason.empty() ? state.devices.camera_reason
                           : !state.devices.printer && !state.devices.printer_reason.empty()
                               ? state.devices.printer_reason
                               : "notice.out_of_service");
        break;
    case Step::Attract:
        view.subtitle = text("screen.attract.subtitle");
        view.buttons = {button(Action::Start, true), button(Action::ResubmitRejected)};
        break;
    case Step::ChooseDocument:
        view.subtitle =
            text(visit.resubmission ? "screen.choose_document.resubmission" : "screen.choose_document.subtitle");
        for (const auto& spec : state.documents)
            view.documents.push_back(document_card(spec, state.locale));
        view.buttons = {button(Action::Cancel)};
        if (!visit.resubmission)
            view.buttons.push_back(button(Action::ResubmitRejected));
        break;
    case Step::EnterReceiptNumber:
    case Step::ApplicantDetails: {
        view.subtitle = text("screen." + std::string(to_string(state.step)) + ".subtitle");
        view.fields = form_fields(state);
        view.focused_field = visit.focused;
        view.buttons = {button(Action::Next, true, fields_complete(view.fields) && !visit.checking_receipt)};
        const auto focused = std::find_if(view.fields.begin(), view.fields.end(),
                                          [&](const FormField& f) { return visit.focused == f.field; });
        if (focused != view.fields.end() && focused->optional)
            view.buttons.push_back(button(Action::Skip));
        view.buttons.push_back(button(Action::Back));
        view.buttons.push_back(button(Action::Cancel));
        break;
    }
    case Step::SeatAndPose:
        view.show_preview = true;
        view.guide = pose_guide(state);
        view.buttons = {button(Action::Back), button(Action::Cancel)};
        break;
    case Step::Countdown:
        view.show_preview = true;
        view.guide = pose_guide(state);
        view.countdown = state.pose.countdown;
        view.buttons = {button(Action::Cancel)};
        break;
    case Step::Capturing:
        break;
    case Step::Review: {
        view.review_photo = visit.photo;
        view.retakes_left = std::max(0, state.settings.capture.retake_limit - visit.retakes_used);
        view.subtitle = Text{"screen.review.subtitle", {{"retakes", std::to_string(view.retakes_left)}}};
        view.buttons = {button(Action::Accept, true), button(Action::Retake, false, view.retakes_left > 0),
                        button(Action::Cancel)};
        break;
    }
    case Step::Uploading:
        view.progress = visit.acknowledged ? 1.0 : visit.receipt_number.empty() ? 0.0 : 0.5;
        if (visit.upload_delayed)
            view.notice = text("notice.upload_continues");
        break;
    case Step::Printing:
        break;
    case Step::Done:
        view.receipt_number = visit.receipt_number;
        view.receipt_printed = visit.printed;
        if (visit.printed) {
            view.subtitle = text("screen.done.printed");
            if (!visit.acknowledged)
                view.notice = text("notice.upload_continues");
        } else {
            view.receipt_qr_text = visit.status_url.empty() ? visit.receipt_number : visit.status_url;
            view.subtitle = text(visit.not_printed_reason.value_or("notice.printer_failed"));
            view.notice = text("notice.reprint_at_counter");
        }
        view.buttons = {button(Action::Finish, true)};
        break;
    case Step::TechnicianPin:
    case Step::TechnicianMenu:
        add_technician_content(state, view);
        break;
    }
}

} // namespace

std::vector<FormField> form_fields(const SessionState& state)
{
    std::vector<FormField> fields;
    if (state.step == Step::EnterReceiptNumber)
        fields.push_back(form_field(state, Field::ReceiptNumber, false));
    if (state.step == Step::ApplicantDetails && state.visit.document)
        for (const FieldRule& rule : state.settings.fields_for(state.visit.document->id))
            fields.push_back(form_field(state, rule.field, rule.optional));
    return fields;
}

bool fields_complete(const std::vector<FormField>& fields)
{
    return std::all_of(fields.begin(), fields.end(), [](const FormField& f) { return f.valid; });
}

ViewModel build_view(const SessionState& state)
{
    ViewModel view;
    view.step = state.step;
    view.locale = state.locale;
    view.title = text("screen." + std::string(to_string(state.step)) + ".title");
    add_step_content(state, view);
    if (state.notice && !view.notice)
        view.notice = text(*state.notice);
    view.buttons.push_back(button(Action::ToggleLanguage));
    view.idle_warning_seconds = idle_warning(state);
    return view;
}

} // namespace kiosk::session
