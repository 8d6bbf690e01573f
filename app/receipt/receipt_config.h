#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "receipt/receipt_number.h"

namespace kiosk::receipt {

// A text in the two languages a slip carries.
struct Bilingual {
    std::string zh;
    std::string en;
};

// This kiosk: config/receipt/kiosk.json.
struct KioskIdentity {
    std::string kiosk_id;                 // 5 of [0-9A-Z], fleet-assigned
    std::string default_city;             // id in the city table
    Bilingual hall;
    std::filesystem::path state_dir;      // sequence counter and print journal
    int keep_slips = 20;                  // slips kept for reprint, oldest removed first
    std::string printer;                  // config/printer/<printer>.json
    std::string status_url;               // the public status page, "{number}" where the receipt number goes
};

struct City {
    std::string id;
    Bilingual name;
    std::map<std::string, int> validity_days;   // spec id -> days, overriding the spec
};

// config/receipt/cities.json.
class CityTable {
public:
    explicit CityTable(std::vector<City> cities) : cities_(std::move(cities)) {}
    // Throws InputError naming the known cities when `id` is not one.
    const City& find(const std::string& id) const;
    std::vector<std::string> ids() const;

private:
    std::vector<City> cities_;
};

// Fixed words of the slip: config/receipt/slip-text.json.
struct SlipText {
    Bilingual title;
    std::map<std::string, Bilingual> labels;   // document, city, taken, valid_until, kiosk, hall
    Bilingual instruction;
    Bilingual resubmit;
};

// Geometry of one paper width: config/receipt/slip-<id>.json.
struct SlipLayout {
    std::string id;                // "80mm", "58mm"
    double paper_width_mm = 0;
    double printable_width_mm = 0;
    int dpi = 0;
    double margin_top_mm = 0;
    double margin_bottom_mm = 0;
    double gap_mm = 0;
    std::filesystem::path font_file;
    double title_pt = 0, number_max_pt = 0, number_min_pt = 0, body_pt = 0, note_pt = 0;
    double line_spacing = 1.0;
    std::map<std::string, int> max_lines;      // document, city, hall, note
    double photo_gamma = 1.0;
    double photo_aspect_tolerance = 0;        // photo vs spec width/height, as a fraction
    int barcode_module_dots = 0;
    double barcode_height_mm = 0;
    int barcode_quiet_modules = 0;
    int qr_module_dots = 0;
    int qr_quiet_modules = 0;

    double dots(double mm) const { return mm * dpi / 25.4; }
    int max_lines_of(const std::string& field) const;
};

// Each loader reads its file under `<config>/receipt/` and throws ConfigError
// naming the file and the field on anything missing or impossible.
KioskIdentity load_kiosk_identity(const std::filesystem::path& config);
CityTable load_city_table(const std::filesystem::path& config);
SlipText load_slip_text(const std::filesystem::path& config);
SlipLayout load_slip_layout(const std::filesystem::path& config, const std::string& id);
std::vector<std::string> slip_layout_ids(const std::filesystem::path& config);

// "2025-11-25": the one date format on slips and in state files.
std::string iso_date(std::chrono::year_month_day date);

// The kiosk's status_url with the receipt number in place of "{number}":
// what the slip's QR code holds, so a phone opens the number's status page.
std::string status_url_of(const KioskIdentity& kiosk, const ReceiptNumber& number);

// The last day the receipt is accepted: the day taken counts as day 1 of
// `days`, so a 60-day receipt taken on 1 March is good through 29 April.
// The city's override for the spec wins over the spec's own default.
std::chrono::year_month_day valid_until(std::chrono::year_month_day taken, int spec_default_days, const City& city,
                                        const std::string& spec_id);

} // namespace kiosk::receipt
