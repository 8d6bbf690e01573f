#include "receipt/receipt_config.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "receipt/receipt_number.h"

namespace kiosk::receipt {
namespace {

using nlohmann::json;

constexpr std::string_view kNumberPlaceholder = "{number}";

// A text given in both of the slip's languages: {"zh-CN": ..., "en": ...}.
Bilingual bilingual(const JsonFields& f, const std::string& field)
{
    const JsonFields b = f.child(field);
    return {b.text("zh-CN"), b.text("en")};
}

std::filesystem::path receipt_file(const std::filesystem::path& config, const std::string& name)
{
    return config / "receipt" / name;
}

} // namespace

const City& CityTable::find(const std::string& id) const
{
    for (const auto& c : cities_)
        if (c.id == id)
            return c;
    std::string known;
    for (const auto& k : ids())
        known += (known.empty() ? "" : ", ") + k;
    throw InputError("unknown city \"" + id + "\" (known: " + known + ")");
}

std::vector<std::string> CityTable::ids() const
{
    std::vector<std::string> out;
    for (const auto& c : cities_)
        out.push_back(c.id);
    return out;
}

int SlipLayout::max_lines_of(const std::string& field) const
{
    auto it = max_lines.find(field);
    return it == max_lines.end() ? 1 : it->second;
}

std::string status_url_of(const KioskIdentity& kiosk, const ReceiptNumber& number)
{
    auto url = kiosk.status_url;
    const auto placeholder = url.find(kNumberPlaceholder);
    if (placeholder != std::string::npos)
        url.replace(placeholder, kNumberPlaceholder.size(), number.str());
    return url;
}

KioskIdentity load_kiosk_identity(const std::filesystem::path& config)
{
    const auto file = receipt_file(config, "kiosk.json");
    const json doc = load_json_file(file);
    const JsonFields f(file.string(), doc);
    KioskIdentity k;
    k.kiosk_id = f.text("kiosk_id");
    if (!is_valid_kiosk_id(k.kiosk_id))
        f.fail("kiosk_id", "must be 5 characters of 0-9 A-Z");
    k.default_city = f.text("city");
    k.hall = bilingual(f, "hall");
    k.state_dir = f.text("state_dir");
    k.keep_slips = f.positive_int("keep_slips");
    k.printer = f.text("printer");
    k.status_url = f.text("status_url");
    const auto placeholder = k.status_url.find(kNumberPlaceholder);
    if (placeholder == std::string::npos || k.status_url.find(kNumberPlaceholder, placeholder + 1) != std::string::npos)
        f.fail("status_url", "must hold {number} once, where the receipt number goes");
    if (!k.status_url.starts_with("https://") && !k.status_url.starts_with("http://"))
        f.fail("status_url", "must be an http:// or https:// address");
    return k;
}

CityTable load_city_table(const std::filesystem::path& config)
{
    const auto file = receipt_file(config, "cities.json");
    const json doc = load_json_file(file);
    const JsonFields top(file.string(), doc);
    const JsonFields all = top.child("cities");
    std::vector<City> cities;
    for (const auto& [id, entry] : all.object().items()) {
        const JsonFields f(all.where() + "." + id, entry);
        City c;
        c.id = id;
        c.name = bilingual(f, "name");
        if (entry.contains("validity_days")) {
            const JsonFields days = f.child("validity_days");
            for (const auto& [spec, value] : days.object().items())
                c.validity_days[spec] = days.positive_int(spec);
        }
        cities.push_back(std::move(c));
    }
    if (cities.empty())
        top.fail("cities", "names no city");
    return CityTable(std::move(cities));
}

SlipText load_slip_text(const std::filesystem::path& config)
{
    const auto file = receipt_file(config, "slip-text.json");
    const json doc = load_json_file(file);
    const JsonFields f(file.string(), doc);
    SlipText t;
    t.title = bilingual(f, "title");
    const JsonFields labels = f.child("labels");
    for (const char* key : {"document", "city", "taken", "valid_until", "kiosk", "hall"})
        t.labels[key] = bilingual(labels, key);
    t.instruction = bilingual(f, "instruction");
    t.resubmit = bilingual(f, "resubmit");
    return t;
}

std::vector<std::string> slip_layout_ids(const std::filesystem::path& config)
{
    std::vector<std::string> ids;
    const auto dir = config / "receipt";
    if (!std::filesystem::is_directory(dir))
        throw ConfigError("receipt config folder " + dir.string() + " does not exist");
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("slip-") && entry.path().extension() == ".json" && name != "slip-text.json")
            ids.push_back(entry.path().stem().string().substr(5));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

SlipLayout load_slip_layout(const std::filesystem::path& config, const std::string& id)
{
    const auto ids = slip_layout_ids(config);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        std::string known;
        for (const auto& k : ids)
            known += (known.empty() ? "" : ", ") + k;
        throw InputError("unknown paper \"" + id + "\" (known: " + known + ")");
    }
    const auto file = receipt_file(config, "slip-" + id + ".json");
    const json doc = load_json_file(file);
    const JsonFields f(file.string(), doc);
    SlipLayout l;
    l.id = f.text("id");
    if (l.id != id)
        f.fail("id", "\"" + l.id + "\" differs from the file name");
    l.paper_width_mm = f.positive("paper_width_mm");
    l.printable_width_mm = f.positive("printable_width_mm");
    if (l.printable_width_mm > l.paper_width_mm)
        f.fail("printable_width_mm", "is wider than the paper");
    l.dpi = f.positive_int("dpi");
    l.margin_top_mm = f.positive("margin_top_mm");
    l.margin_bottom_mm = f.positive("margin_bottom_mm");
    l.gap_mm = f.positive("gap_mm");
    l.font_file = f.text("font_file");
    const JsonFields type = f.child("type_pt");
    l.title_pt = type.positive("title");
    l.number_max_pt = type.positive("number_max");
    l.number_min_pt = type.positive("number_min");
    if (l.number_min_pt > l.number_max_pt)
        type.fail("number_min", "is larger than number_max");
    l.body_pt = type.positive("body");
    l.note_pt = type.positive("note");
    l.line_spacing = f.positive("line_spacing");
    const JsonFields lines = f.child("max_lines");
    for (const auto& [field, value] : lines.object().items())
        l.max_lines[field] = lines.positive_int(field);
    const JsonFields photo = f.child("photo");
    l.photo_gamma = photo.positive("gamma");
    l.photo_aspect_tolerance = photo.positive("aspect_tolerance");
    const JsonFields barcode = f.child("barcode");
    l.barcode_module_dots = barcode.positive_int("module_dots");
    l.barcode_height_mm = barcode.positive("height_mm");
    l.barcode_quiet_modules = barcode.positive_int("quiet_modules");
    const JsonFields qr = f.child("qr");
    l.qr_module_dots = qr.positive_int("module_dots");
    l.qr_quiet_modules = qr.positive_int("quiet_modules");
    return l;
}

std::string iso_date(std::chrono::year_month_day date)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

std::chrono::year_month_day valid_until(std::chrono::year_month_day taken, int spec_default_days, const City& city,
                                        const std::string& spec_id)
{
    auto it = city.validity_days.find(spec_id);
    const int days = it != city.validity_days.end() ? it->second : spec_default_days;
    if (days <= 0)
        throw ConfigError("spec " + spec_id + " has no receipt validity (validity_days)");
    return std::chrono::year_month_day{std::chrono::sys_days(taken) + std::chrono::days(days - 1)};
}

} // namespace kiosk::receipt
