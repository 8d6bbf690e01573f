#include "calibrate_access_paths.h"

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "core/paths.h"

namespace kiosk::ctl {

std::filesystem::path CalibrationPaths::state() const
{
    if (!state_dir.empty())
        return state_dir;
    const auto file = config_dir() / "kiosk" / "kiosk.json";
    const auto json = load_json_file(file);
    const JsonFields kiosk(file.string(), json);
    if (!kiosk.find("state_dir"))
        throw ConfigError(file.string() + " names no state_dir; give --state-dir");
    std::filesystem::path dir = kiosk.text("state_dir");
    return dir.is_relative() ? config_dir() / dir : dir;
}

std::filesystem::path CalibrationPaths::settings_file() const
{
    return settings.empty() ? config_dir() / "calibration" / "calibration.json" : std::filesystem::path(settings);
}

void add_calibration_path_options(CLI::App& command, CalibrationPaths& paths)
{
    command.add_option("--state-dir", paths.state_dir, "the kiosk's state folder (default: config/kiosk/kiosk.json)");
    command.add_option("--settings", paths.settings, "calibration settings (default: config/calibration/calibration.json)");
}

} // namespace kiosk::ctl
