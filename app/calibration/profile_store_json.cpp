#include "calibration/profile_store_json.h"

#include <cmath>
#include <limits>

#include "calibration/audit_log.h"
#include "core/error.h"
#include "core/json_fields.h"

namespace kiosk::calibration {
namespace {

using nlohmann::json;

// Text that may be empty (an advice key or a detail left blank).
std::string any_text(const JsonFields& r, const std::string& field)
{
    const auto& value = r.require(field);
    if (!value.is_string())
        r.fail(field, "must be a string");
    return value.get<std::string>();
}

bool flag(const JsonFields& r, const std::string& field)
{
    const auto& value = r.require(field);
    if (!value.is_boolean())
        r.fail(field, "must be true or false");
    return value.get<bool>();
}

std::uint16_t level(const JsonFields& r, const std::string& field)
{
    return static_cast<std::uint16_t>(r.whole_number(field, 0, 65535));
}

constexpr std::pair<Outcome, const char*> kOutcomes[] = {
    {Outcome::Pass, "pass"}, {Outcome::Fail, "fail"}, {Outcome::Error, "error"}};

Outcome outcome_from(const JsonFields& report)
{
    const auto name = report.text("outcome");
    for (const auto& [value, text] : kOutcomes)
        if (name == text)
            return value;
    report.fail("outcome", "is not pass, fail or error");
}

json report_to_json(const ProcedureReport& report)
{
    json figures = json::array();
    for (const auto& f : report.figures) {
        json figure = {{"name", f.name}, {"value", f.value}, {"comparison", f.comparison}, {"unit", f.unit}};
        if (f.limit)
            figure["limit"] = *f.limit;
        figures.push_back(std::move(figure));
    }
    return {{"procedure", report.procedure}, {"outcome", outcome_name(report.outcome)},
            {"figures", figures},            {"advice_key", report.advice_key},
            {"detail", report.detail}};
}

ProcedureReport report_from(const JsonFields& r)
{
    ProcedureReport report;
    report.procedure = r.text("procedure");
    report.outcome = outcome_from(r);
    report.advice_key = any_text(r, "advice_key");
    report.detail = any_text(r, "detail");
    const auto& figures = r.require("figures");
    if (!figures.is_array())
        r.fail("figures", "is not a list");
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const JsonFields f(r.where() + ".figures[" + std::to_string(i) + "]", figures[i]);
        Figure figure{f.text("name"), f.number("value"), f.optional_number("limit"), any_text(f, "comparison"),
                      any_text(f, "unit")};
        report.figures.push_back(std::move(figure));
    }
    return report;
}

float gain(const JsonFields& r, const std::string& field)
{
    const double value = r.number(field);
    if (value <= 0.0 || value > 64.0)
        r.fail(field, "is not within 0..64");
    return static_cast<float>(value);
}

} // namespace

const char* outcome_name(Outcome outcome)
{
    for (const auto& [value, text] : kOutcomes)
        if (value == outcome)
            return text;
    return "error";
}

json profile_to_json(const CalibrationProfile& profile)
{
    json out = {{"id", profile.id},
                {"version", profile.version},
                {"created", utc_timestamp(profile.created)},
                {"technician", profile.technician}};
    if (profile.camera) {
        const auto& c = *profile.camera;
        out["camera"] = {{"auto_exposure", c.auto_exposure},
                         {"exposure_time_us", c.exposure_time.count()},
                         {"analogue_gain", c.analogue_gain},
                         {"auto_white_balance", c.auto_white_balance},
                         {"red_gain", c.colour_gains.red},
                         {"blue_gain", c.colour_gains.blue}};
    }
    if (profile.lights)
        out["lights"] = {{"key_left", profile.lights->key_left},
                         {"key_right", profile.lights->key_right},
                         {"background", profile.lights->background}};
    if (profile.seat)
        out["seat"] = {{"lower_stop_mm", profile.seat->lower_stop_mm},
                       {"upper_stop_mm", profile.seat->upper_stop_mm},
                       {"eye_px_per_mm", profile.seat->eye_px_per_mm}};
    if (profile.background_plate)
        out["background_plate"] = profile.background_plate->filename().string();
    json reports = json::array();
    for (const auto& report : profile.reports)
        reports.push_back(report_to_json(report));
    out["reports"] = reports;
    return out;
}

CalibrationProfile profile_from_json(const json& document, const std::filesystem::path& folder, const std::string& where)
{
    const JsonFields r(where, document);
    CalibrationProfile profile;
    profile.id = r.text("id");
    profile.version = r.whole_number("version", 1, std::numeric_limits<int>::max());
    const auto created = parse_utc_timestamp(r.text("created"));
    if (!created)
        r.fail("created", "is not a UTC time");
    profile.created = *created;
    profile.technician = any_text(r, "technician");

    if (r.find("camera")) {
        const auto c = r.child("camera");
        camera::CameraControls controls;
        controls.auto_exposure = flag(c, "auto_exposure");
        controls.exposure_time = std::chrono::microseconds(c.whole_number("exposure_time_us", 1, 10'000'000));
        controls.analogue_gain = gain(c, "analogue_gain");
        controls.auto_white_balance = flag(c, "auto_white_balance");
        controls.colour_gains = {gain(c, "red_gain"), gain(c, "blue_gain")};
        profile.camera = controls;
    }
    if (r.find("lights")) {
        const auto l = r.child("lights");
        profile.lights = lightseat::LightLevels{level(l, "key_left"), level(l, "key_right"), level(l, "background")};
    }
    if (r.find("seat")) {
        const auto s = r.child("seat");
        SeatMap seat{level(s, "lower_stop_mm"), level(s, "upper_stop_mm"), s.number("eye_px_per_mm")};
        if (seat.upper_stop_mm <= seat.lower_stop_mm)
            s.fail("upper_stop_mm", "is not above lower_stop_mm");
        profile.seat = seat;
    }
    if (r.find("background_plate")) {
        const auto name = r.text("background_plate");
        // Only a plain name inside the profile's own folder: a profile never points elsewhere on the disk.
        if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
            r.fail("background_plate", "is not a file name");
        profile.background_plate = folder / name;
    }
    const auto& reports = r.require("reports");
    if (!reports.is_array())
        r.fail("reports", "is not a list");
    for (std::size_t i = 0; i < reports.size(); ++i)
        profile.reports.push_back(report_from(JsonFields(where + ".reports[" + std::to_string(i) + "]", reports[i])));
    return profile;
}

} // namespace kiosk::calibration
