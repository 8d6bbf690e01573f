#include "photo/photo_settings.h"

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_file.h"

namespace kiosk::photo {
namespace {

using nlohmann::json;

double positive_number(const std::filesystem::path& file, const json& doc, const std::string& section,
                       const std::string& field)
{
    const std::string where = file.string() + ": " + section + "." + field;
    if (!doc.contains(section) || !doc[section].is_object())
        throw ConfigError(file.string() + ": " + section + ": is missing");
    const json& s = doc[section];
    if (!s.contains(field))
        throw ConfigError(where + ": is missing");
    if (!s[field].is_number() || s[field].get<double>() <= 0)
        throw ConfigError(where + ": must be a positive number");
    return s[field].get<double>();
}

ChromaSubsampling parse_subsampling(const std::filesystem::path& file, const json& doc)
{
    const json* v = doc.contains("jpeg") ? &doc["jpeg"] : nullptr;
    if (!v || !v->contains("chroma_subsampling") || !(*v)["chroma_subsampling"].is_string())
        throw ConfigError(file.string() + ": jpeg.chroma_subsampling: must be \"4:2:0\" or \"4:4:4\"");
    const std::string s = (*v)["chroma_subsampling"].get<std::string>();
    if (s == "4:2:0")
        return ChromaSubsampling::S420;
    if (s == "4:4:4")
        return ChromaSubsampling::S444;
    throw ConfigError(file.string() + ": jpeg.chroma_subsampling: must be \"4:2:0\" or \"4:4:4\", not \"" + s +
                      "\"");
}

} // namespace

PhotoSettings load_photo_settings(const std::filesystem::path& config_dir)
{
    const auto file = config_dir / "photo.json";
    const json doc = load_json_file(file);
    if (!doc.is_object())
        throw ConfigError(file.string() + ": must be an object");
    PhotoSettings s;
    s.input.max_pixels = static_cast<std::int64_t>(positive_number(file, doc, "input", "max_pixels"));
    s.input.max_file_bytes =
        static_cast<std::int64_t>(positive_number(file, doc, "input", "max_file_mb") * 1024 * 1024);
    s.render.feather_px = positive_number(file, doc, "render", "feather_px");
    s.render.backdrop_estimate_px = positive_number(file, doc, "render", "backdrop_estimate_px");
    s.render.area_downscale_below = positive_number(file, doc, "render", "area_downscale_below");
    if (s.render.area_downscale_below > 1)
        throw ConfigError(file.string() + ": render.area_downscale_below: must be at most 1");
    s.jpeg.subsampling = parse_subsampling(file, doc);
    return s;
}

} // namespace kiosk::photo
