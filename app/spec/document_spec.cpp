#include "spec/document_spec.h"

#include <algorithm>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::spec {
namespace {

using nlohmann::json;

// The document-spec flavour of a [min, max] pair: both ends numbers, 0 <= min <= max.
Range range(const JsonFields& f, const std::string& field)
{
    const json& v = f.require(field);
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
        f.fail(field, "must be [min, max]");
    Range r{v[0].get<double>(), v[1].get<double>()};
    if (r.min > r.max || r.min < 0)
        f.fail(field, "must have 0 <= min <= max");
    return r;
}

std::optional<Range> optional_range(const JsonFields& f, const std::string& field)
{
    return f.find(field) ? std::optional<Range>(range(f, field)) : std::nullopt;
}

GlassesPolicy parse_glasses(const JsonFields& r)
{
    const std::string v = r.text("glasses");
    if (v == "allowed")
        return GlassesPolicy::Allowed;
    if (v == "forbidden")
        return GlassesPolicy::Forbidden;
    if (v == "required_if_worn")
        return GlassesPolicy::RequiredIfWorn;
    r.fail("glasses", "must be allowed, forbidden or required_if_worn, not \"" + v + "\"");
}

std::vector<BackgroundColour> parse_background(const JsonFields& r, const json& list)
{
    if (!list.is_array() || list.empty())
        r.fail("background", "must be a non-empty list of colours");
    std::vector<BackgroundColour> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        JsonFields c(r.where() + ".background[" + std::to_string(i) + "]", list[i]);
        BackgroundColour colour;
        colour.name = c.text("name");
        const json& rgb = c.require("rgb");
        if (!rgb.is_array() || rgb.size() != 3)
            c.fail("rgb", "must be [r, g, b]");
        for (int k = 0; k < 3; ++k) {
            if (!rgb[k].is_number_integer() || rgb[k].get<int>() < 0 || rgb[k].get<int>() > 255)
                c.fail("rgb", "channels must be whole numbers 0-255");
            colour.rgb[k] = rgb[k].get<int>();
        }
        colour.min_channel = c.find("min_channel") ? static_cast<int>(c.number("min_channel")) : 0;
        out.push_back(colour);
    }
    return out;
}

DocumentSpec parse_spec(const std::filesystem::path& file, const json& defaults, const json& doc)
{
    const JsonFields r(file.string(), doc);
    DocumentSpec s;
    s.id = r.text("id");
    if (s.id != file.stem().string())
        r.fail("id", "\"" + s.id + "\" differs from the file name");

    const json& names = r.require("name");
    if (!names.is_object() || !names.contains("zh-CN") || !names.contains("en"))
        r.fail("name", "must give zh-CN and en");
    for (const auto& [locale, text] : names.items())
        s.name[locale] = text.get<std::string>();

    if (const json* docs = r.find("documents")) {
        if (!docs->is_array())
            r.fail("documents", "must be a list");
        for (const auto& d : *docs)
            s.documents.push_back(d.get<std::string>());
    }

    const JsonFields out = r.child("output");
    s.output.width_px = out.positive_int("width_px");
    s.output.height_px = out.positive_int("height_px");
    s.output.dpi = out.positive_int("dpi");
    s.output.print_width_mm = out.number("print_width_mm");
    s.output.print_height_mm = out.number("print_height_mm");

    const JsonFields g = r.child("geometry");
    s.geometry.face_width_px = optional_range(g, "face_width_px");
    s.geometry.head_length_px = optional_range(g, "head_length_px");
    s.geometry.crown_from_top_px = optional_range(g, "crown_from_top_px");
    s.geometry.eye_line_from_bottom_min_px = g.optional_number("eye_line_from_bottom_min_px");
    s.geometry.eye_mid_from_left_px = optional_range(g, "eye_mid_from_left_px");
    s.geometry.chin_from_bottom_min_px = g.optional_number("chin_from_bottom_min_px");
    s.geometry.inter_eye_fraction_of_width = optional_range(g, "inter_eye_fraction_of_width");
    if (!s.geometry.face_width_px && !s.geometry.head_length_px && !s.geometry.inter_eye_fraction_of_width)
        g.fail("", "needs face_width_px, head_length_px or inter_eye_fraction_of_width to set the scale");
    if (!s.geometry.crown_from_top_px && !s.geometry.eye_line_from_bottom_min_px)
        g.fail("", "needs crown_from_top_px or eye_line_from_bottom_min_px to place the head");

    s.background = parse_background(r, r.require("background"));

    const JsonFields jpeg = r.child("jpeg");
    s.jpeg.quality_min = jpeg.positive_int("quality_min");
    if (s.jpeg.quality_min > 100)
        jpeg.fail("quality_min", "must be at most 100");
    s.jpeg.size_kb = range(jpeg, "size_kb");

    s.glasses = parse_glasses(r);
    s.validity_days = r.positive_int("validity_days");

    json checks = defaults.value("checks", json::object());
    if (const json* own = r.find("checks")) {
        if (!own->is_object())
            r.fail("checks", "must be an object");
        checks.merge_patch(*own);
    }
    s.checks = Thresholds(s.id, std::move(checks));
    return s;
}

json load_defaults(const std::filesystem::path& dir)
{
    const auto path = dir / "defaults.json";
    if (!std::filesystem::exists(path))
        return json::object();
    json d = load_json_file(path);
    if (!d.is_object())
        throw ConfigError(path.string() + ": must be an object");
    return d;
}

} // namespace

DocumentSpec load_spec(const std::filesystem::path& dir, const std::string& id)
{
    const auto ids = spec_ids(dir);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        std::string known;
        for (const auto& k : ids)
            known += (known.empty() ? "" : ", ") + k;
        throw ConfigError("unknown spec \"" + id + "\" (known: " + known + ")");
    }
    const auto file = dir / (id + ".json");
    return parse_spec(file, load_defaults(dir), load_json_file(file));
}

std::vector<DocumentSpec> load_all_specs(const std::filesystem::path& dir)
{
    const json defaults = load_defaults(dir);
    std::vector<DocumentSpec> specs;
    for (const auto& id : spec_ids(dir)) {
        const auto file = dir / (id + ".json");
        specs.push_back(parse_spec(file, defaults, load_json_file(file)));
    }
    return specs;
}

std::vector<std::string> spec_ids(const std::filesystem::path& dir)
{
    if (!std::filesystem::is_directory(dir))
        throw ConfigError("spec folder " + dir.string() + " does not exist");
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const auto& p = entry.path();
        if (p.extension() == ".json" && p.stem() != "defaults")
            ids.push_back(p.stem().string());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace kiosk::spec
