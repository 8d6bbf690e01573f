#include "camera/motion_script.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.h"
#include "core/json_file.h"

namespace kiosk::camera {
namespace {

MotionScript::Easing parse_easing(const nlohmann::json& k, const std::string& where)
{
    const std::string ease = k.value("ease", "linear");
    if (ease == "linear")
        return MotionScript::Easing::Linear;
    if (ease == "smooth")
        return MotionScript::Easing::Smooth;
    throw ConfigError(where + ": ease must be \"linear\" or \"smooth\", not \"" + ease + "\"");
}

double lerp(double a, double b, double f) { return a + (b - a) * f; }

} // namespace

MotionScript::MotionScript() : keyframes_{Keyframe{}} {}

MotionScript MotionScript::from_json(const nlohmann::json& j, const std::string& where)
{
    MotionScript script;
    script.keyframes_.clear();
    try {
        script.loop_ = j.value("loop", false);
        if (j.contains("sway")) {
            script.sway_.amplitude = j.at("sway").at("amplitude").get<double>();
            script.sway_.period = j.at("sway").at("period_s").get<double>();
        }
        const auto& frames = j.at("keyframes");
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const auto& k = frames[i];
            const std::string at = where + ": keyframe " + std::to_string(i);
            Keyframe key;
            key.time = k.at("t").get<double>();
            key.pose.x = k.value("x", 0.0);
            key.pose.y = k.value("y", 0.0);
            key.pose.zoom = k.value("zoom", 1.0);
            key.pose.roll = k.value("roll", 0.0);
            key.easing = parse_easing(k, at);
            if (!(key.pose.zoom > 0))
                throw ConfigError(at + ": zoom must be positive");
            if (i == 0 && key.time != 0)
                throw ConfigError(at + ": the first keyframe must be at t = 0");
            if (i > 0 && !(key.time > script.keyframes_.back().time))
                throw ConfigError(at + ": t must increase from one keyframe to the next");
            script.keyframes_.push_back(key);
        }
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(where + ": " + e.what());
    }
    if (script.keyframes_.empty())
        throw ConfigError(where + ": a motion script needs at least one keyframe");
    if (script.sway_.amplitude < 0 || !(script.sway_.period > 0))
        throw ConfigError(where + ": sway needs amplitude >= 0 and period_s > 0");
    return script;
}

MotionScript MotionScript::load(const std::filesystem::path& file)
{
    return from_json(load_json_file(file), file.string());
}

SubjectPose MotionScript::pose_at(double seconds) const
{
    double t = std::max(0.0, seconds);
    if (loop_ && duration() > 0)
        t = std::fmod(t, duration());

    SubjectPose pose = keyframes_.back().pose;
    for (std::size_t i = 1; i < keyframes_.size(); ++i) {
        const Keyframe& from = keyframes_[i - 1];
        const Keyframe& to = keyframes_[i];
        if (t > to.time)
            continue;
        double f = (t - from.time) / (to.time - from.time);
        if (to.easing == Easing::Smooth)
            f = f * f * (3 - 2 * f);
        pose = SubjectPose{lerp(from.pose.x, to.pose.x, f), lerp(from.pose.y, to.pose.y, f),
                           lerp(from.pose.zoom, to.pose.zoom, f), lerp(from.pose.roll, to.pose.roll, f)};
        break;
    }
    if (sway_.amplitude > 0) {
        // Two slightly different periods in x and y so the sway never repeats
        // as an obvious circle.
        const double phase = 2 * std::numbers::pi * seconds / sway_.period;
        pose.x += sway_.amplitude * std::sin(phase);
        pose.y += sway_.amplitude * 0.5 * std::sin(phase * 1.37 + 1.0);
    }
    return pose;
}

} // namespace kiosk::camera
