#include "session/session_settings.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "core/text_catalog.h"
#include "vision/check_ids.h"

namespace kiosk::session {
namespace {

using std::chrono::milliseconds;

constexpr Step all_steps[] = {Step::OutOfService, Step::Attract,   Step::ChooseDocument, Step::EnterReceiptNumber,
                              Step::ApplicantDetails, Step::SeatAndPose, Step::Countdown, Step::Capturing,
                              Step::Review,       Step::Uploading, Step::Printing,       Step::Done,
                              Step::TechnicianPin, Step::TechnicianMenu};

// The citizen types these on the details screen; the receipt number has its own screen.
constexpr Field detail_fields[] = {Field::Name, Field::IdNumber, Field::Phone};

std::vector<std::string> locales_of(const JsonFields& root)
{
    const auto& list = root.require("locales");
    if (!list.is_array() || list.empty())
        root.fail("locales", "must be a non-empty list of locales");
    std::vector<std::string> locales;
    for (const auto& locale : list) {
        if (!locale.is_string() || !TextCatalog::is_known_locale(locale.get<std::string>()))
            root.fail("locales", "holds " + locale.dump() + ", which is not a shipped locale");
        locales.push_back(locale.get<std::string>());
    }
    return locales;
}

std::vector<FieldRule> field_rules(const JsonFields& fields, const std::string& spec_id)
{
    const auto& list = fields.require(spec_id);
    if (!list.is_array())
        fields.fail(spec_id, "must be a list of {\"field\", \"optional\"}");
    std::vector<FieldRule> rules;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonFields item(fields.where() + "." + spec_id + "[" + std::to_string(i) + "]", list[i]);
        if (!list[i].is_object())
            item.fail("field", "must be an object");
        const std::string name = item.text("field");
        const auto* known = std::find_if(std::begin(detail_fields), std::end(detail_fields),
                                         [&](Field f) { return to_string(f) == name; });
        if (known == std::end(detail_fields))
            item.fail("field", "\"" + name + "\" is not one of name, id_number, phone");
        if (std::any_of(rules.begin(), rules.end(), [&](const FieldRule& r) { return r.field == *known; }))
            item.fail("field", "\"" + name + "\" is listed twice");
        const auto* optional = item.find("optional");
        if (optional && !optional->is_boolean())
            item.fail("optional", "must be true or false");
        rules.push_back({*known, optional && optional->get<bool>()});
    }
    return rules;
}

IdleSettings idle_settings(const JsonFields& idle)
{
    IdleSettings settings;
    const JsonFields timeouts = idle.child("timeout_ms");
    for (const auto& [name, value] : timeouts.object().items()) {
        const auto* step =
            std::find_if(std::begin(all_steps), std::end(all_steps), [&](Step s) { return to_string(s) == name; });
        if (step == std::end(all_steps))
            timeouts.fail(name, "is not a step of the visit");
        settings.timeout[*step] = timeouts.millis(name);
    }
    settings.warning = idle.millis("warning_ms");
    settings.done_return = idle.millis("done_return_ms");
    settings.person_left = idle.millis("person_left_ms");
    for (const auto& [step, timeout] : settings.timeout)
        if (timeout <= settings.warning)
            timeouts.fail(std::string(to_string(step)), "must be longer than warning_ms");
    return settings;
}

CaptureSettings capture_settings(const JsonFields& capture)
{
    CaptureSettings settings;
    settings.hold = capture.millis("hold_ms");
    settings.countdown_from = capture.whole_number("countdown_from", 1, 10);
    settings.countdown_step = capture.millis("countdown_step_ms");
    settings.still_timeout = capture.millis("still_timeout_ms");
    settings.retake_limit = capture.whole_number("retake_limit", 0, 20);
    return settings;
}

std::vector<std::string> priority_of(const JsonFields& guidance)
{
    const auto& list = guidance.require("priority");
    if (!list.is_array())
        guidance.fail("priority", "must be a list of check ids");
    std::vector<std::string> ids;
    for (const auto& id : list) {
        const bool known = id.is_string() && std::find(vision::check_id::all.begin(), vision::check_id::all.end(),
                                                       id.get<std::string>()) != vision::check_id::all.end();
        if (!known)
            guidance.fail("priority", "holds " + id.dump() + ", which is not a check id");
        if (std::find(ids.begin(), ids.end(), id.get<std::string>()) != ids.end())
            guidance.fail("priority", "holds " + id.dump() + " twice");
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

cv::Rect2f normalised_rect(const JsonFields& fields, const std::string& name)
{
    const auto& v = fields.require(name);
    const bool shaped = v.is_array() && v.size() == 4 &&
                        std::all_of(v.begin(), v.end(), [](const auto& n) { return n.is_number(); });
    if (!shaped)
        fields.fail(name, "must be [x, y, width, height], fractions of the frame");
    const cv::Rect2f r(v[0].get<float>(), v[1].get<float>(), v[2].get<float>(), v[3].get<float>());
    if (r.x < 0 || r.y < 0 || r.width <= 0 || r.height <= 0 || r.x + r.width > 1 || r.y + r.height > 1)
        fields.fail(name, "must lie inside the frame (0..1)");
    return r;
}

SeatServoSettings seat_settings(const JsonFields& seat, const lightseat::SeatTravel& travel)
{
    SeatServoSettings settings;
    settings.mm_per_frame_height = seat.positive("mm_per_frame_height");
    settings.dead_band_mm = static_cast<std::uint16_t>(seat.whole_number("dead_band_mm", 1, 100));
    settings.max_step_mm = static_cast<std::uint16_t>(seat.whole_number("max_step_mm", 1, 500));
    if (settings.max_step_mm < settings.dead_band_mm)
        seat.fail("max_step_mm", "must be at least dead_band_mm");
    settings.min_interval = seat.millis("min_interval_ms");
    settings.travel = travel;
    return settings;
}

LightServoSettings light_settings(const JsonFields& lights)
{
    constexpr int max_level = lightseat::max_light_level;
    LightServoSettings settings;
    const JsonFields start = lights.child("start");
    settings.start.key_left = static_cast<std::uint16_t>(start.whole_number("key_left", 0, max_level));
    settings.start.key_right = static_cast<std::uint16_t>(start.whole_number("key_right", 0, max_level));
    settings.start.background = static_cast<std::uint16_t>(start.whole_number("background", 0, max_level));
    settings.first_step = lights.whole_number("first_step", 1, max_level);
    settings.min_step = lights.whole_number("min_step", 1, max_level);
    if (settings.min_step > settings.first_step)
        lights.fail("min_step", "must not exceed first_step");
    settings.dead_band_ratio = lights.number("dead_band_ratio");
    if (settings.dead_band_ratio < 1.0)
        lights.fail("dead_band_ratio", "must be 1 or more (brighter cheek over darker)");
    settings.max_shift = lights.whole_number("max_shift", 0, max_level);
    settings.settle = lights.millis("settle_ms");
    return settings;
}

} // namespace

const std::vector<FieldRule>& SessionSettings::fields_for(const std::string& spec_id) const
{
    const auto it = fields.find(spec_id);
    return it != fields.end() ? it->second : fields.at("default");
}

SessionSettings SessionSettings::load(const std::filesystem::path& config_dir)
{
    const auto file = config_dir / "session.json";
    const auto json = load_json_file(file);
    if (!json.is_object())
        throw ConfigError(file.string() + ": must be an object");
    const JsonFields root(file.string(), json);
    SessionSettings settings;
    settings.locales = locales_of(root);

    const JsonFields fields = root.child("fields");
    for (const auto& [spec_id, rules] : fields.object().items())
        if (!spec_id.starts_with("_"))
            settings.fields[spec_id] = field_rules(fields, spec_id);
    if (!settings.fields.contains("default"))
        fields.fail("default", "is missing (the details asked for a document not listed)");

    const JsonFields applicant = root.child("applicant");
    settings.applicant.name_max_chars = applicant.whole_number("name_max_chars", 1, 200);
    settings.applicant.max_input_bytes = applicant.whole_number("max_input_bytes", 4 * settings.applicant.name_max_chars, 4096);

    settings.idle = idle_settings(root.child("idle"));
    settings.capture = capture_settings(root.child("capture"));

    const JsonFields hand_over = root.child("hand_over");
    settings.hand_over.acknowledgement_wait = hand_over.millis("acknowledgement_wait_ms");
    settings.hand_over.queue_timeout = hand_over.millis("queue_timeout_ms");
    settings.hand_over.print_timeout = hand_over.millis("print_timeout_ms");

    const JsonFields guidance = root.child("guidance");
    settings.guidance_priority = priority_of(guidance);
    settings.default_guide = normalised_rect(guidance, "default_guide");

    const auto controller = lightseat::ControllerSettings::load(config_dir / "lightseat" / "controller.json");
    settings.seat = seat_settings(root.child("seat"), controller.seat);
    settings.lights = light_settings(root.child("lights"));

    const JsonFields technician = root.child("technician");
    settings.technician.max_pin_digits = static_cast<std::size_t>(technician.whole_number("max_pin_digits", 4, 32));
    const auto& procedures = technician.require("procedures");
    if (!procedures.is_array() || procedures.empty())
        technician.fail("procedures", "must be a non-empty list of procedure names");
    for (const auto& procedure : procedures) {
        if (!procedure.is_string() || procedure.get<std::string>().empty())
            technician.fail("procedures", "holds " + procedure.dump() + ", which is not a procedure name");
        settings.technician.procedures.push_back(procedure.get<std::string>());
    }
    return settings;
}

} // namespace kiosk::session
