#include "camera/replay_settings.h"

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::camera {
namespace {

cv::Size positive_size(const nlohmann::json& j, const std::string& where)
{
    const cv::Size size(j.at("width").get<int>(), j.at("height").get<int>());
    if (size.width <= 0 || size.height <= 0)
        throw ConfigError(where + ": width and height must be positive");
    return size;
}

} // namespace

ReplaySettings ReplaySettings::from_json(const nlohmann::json& j, const std::string& where,
                                         const std::filesystem::path& base)
{
    ReplaySettings s;
    std::filesystem::path motion_file;
    try {
        s.stream.size = positive_size(j.at("stream"), where + ": stream");
        s.stream.fps = j.at("stream").at("fps").get<double>();
        s.still_size = positive_size(j.at("still"), where + ": still");
        s.image_hold_seconds = j.at("image_hold_s").get<double>();
        s.sensor = SensorModel::from_json(j.at("sensor"), where);
        s.reconnect = BackoffSettings::from_json(j.at("reconnect"), where);
        motion_file = base / j.at("motion").get<std::string>();
        if (j.contains("booth"))
            s.booth = BoothModel::from_json(JsonFields(where + ": booth", j.at("booth")));
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(where + ": " + e.what());
    }
    if (!(s.stream.fps > 0) || s.stream.fps > 240)
        throw ConfigError(where + ": stream fps must be in (0, 240]");
    if (!(s.image_hold_seconds > 0))
        throw ConfigError(where + ": image_hold_s must be positive");
    s.motion = MotionScript::load(motion_file);
    return s;
}

ReplaySettings ReplaySettings::load(const std::filesystem::path& file)
{
    return from_json(load_json_file(file), file.string(), file.parent_path());
}

} // namespace kiosk::camera
