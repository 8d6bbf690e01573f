#include "camera/libcamera_settings.h"

#include "core/error.h"
#include "core/json_file.h"

namespace kiosk::camera {

LibcameraSettings LibcameraSettings::from_json(const nlohmann::json& j, const std::string& where)
{
    LibcameraSettings s;
    try {
        s.camera_id = j.at("camera_id").get<std::string>();
        const int buffers = j.at("buffer_count").get<int>();
        if (buffers < 2 || buffers > 16)
            throw ConfigError(where + ": buffer_count must be 2..16 (one being filled, one being read)");
        s.buffer_count = static_cast<unsigned int>(buffers);
        for (const auto& name : j.at("preferred_formats")) {
            const std::string text = name.get<std::string>();
            if (text.size() != 4)
                throw ConfigError(where + ": preferred_formats holds \"" + text + "\", not a four-letter code");
            std::uint32_t code = 0;
            for (int i = 3; i >= 0; --i)
                code = code << 8 | static_cast<unsigned char>(text[static_cast<std::size_t>(i)]);
            s.preferred_formats.push_back(code);
        }
        s.still_stream = j.at("still_stream").get<bool>();
        s.frame_timeout = std::chrono::milliseconds(j.at("frame_timeout_ms").get<int>());
        s.reconnect = BackoffSettings::from_json(j.at("reconnect"), where);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(where + ": " + e.what());
    }
    if (s.frame_timeout.count() <= 0)
        throw ConfigError(where + ": frame_timeout_ms must be positive");
    return s;
}

LibcameraSettings LibcameraSettings::load(const std::filesystem::path& file)
{
    return from_json(load_json_file(file), file.string());
}

} // namespace kiosk::camera
