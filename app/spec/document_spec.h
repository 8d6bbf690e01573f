#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spec/range.h"
#include "spec/thresholds.h"

namespace kiosk::spec {

// Whether a spec accepts glasses as worn. `allowed`: either way;
// `forbidden`: must be taken off; `required_if_worn` is the resident-id rule
// (people who normally wear glasses keep them on), which a camera cannot
// know, so for the engine it behaves as `allowed`.
enum class GlassesPolicy { Allowed, Forbidden, RequiredIfWorn };

struct BackgroundColour {
    std::string name;     // "white", "light-grey", ...
    int rgb[3] = {255, 255, 255};
    int min_channel = 0;  // lowest acceptable value of every channel (e.g. 210 for light grey)
};

// Where the head must sit in the output picture, in output pixels.
// Absent fields are not required by the document.
struct HeadGeometry {
    std::optional<Range> face_width_px;          // cheek to cheek at the ears
    std::optional<Range> head_length_px;         // chin to crown (top of hair)
    std::optional<Range> crown_from_top_px;      // top edge to the top of the hair
    std::optional<double> eye_line_from_bottom_min_px;
    std::optional<Range> eye_mid_from_left_px;   // midpoint between the pupils
    std::optional<double> chin_from_bottom_min_px;
    std::optional<Range> inter_eye_fraction_of_width;
};

struct OutputFormat {
    int width_px = 0;
    int height_px = 0;
    int dpi = 0;
    double print_width_mm = 0;
    double print_height_mm = 0;
};

struct JpegRule {
    int quality_min = 70;     // lowest quality the document allows
    Range size_kb;            // the file must land inside this range
};

struct DocumentSpec {
    std::string id;
    std::map<std::string, std::string> name;   // by locale: "zh-CN", "en"
    std::vector<std::string> documents;        // what it is used for, catalog keys
    OutputFormat output;
    HeadGeometry geometry;
    std::vector<BackgroundColour> background;  // first is the colour the kiosk renders
    JpegRule jpeg;
    GlassesPolicy glasses = GlassesPolicy::Allowed;
    int validity_days = 0;                     // default receipt validity; a city may override
    Thresholds checks;                         // per-check limits, defaults merged with overrides
};

// Loads `<dir>/<id>.json` merged over `<dir>/defaults.json`.
// Throws ConfigError naming the file and the field on any missing or
// impossible value.
DocumentSpec load_spec(const std::filesystem::path& dir, const std::string& id);

// Every spec in the folder (all *.json but defaults.json), sorted by id.
std::vector<DocumentSpec> load_all_specs(const std::filesystem::path& dir);

// The ids of the specs in the folder, sorted.
std::vector<std::string> spec_ids(const std::filesystem::path& dir);

} // namespace kiosk::spec
