#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::camera {

// Where the replayed subject is in the frame. x and y move the picture's
// centre from the frame's centre, as fractions of the frame's width and
// height; zoom 1 fits the picture's height to the frame's; roll turns it
// clockwise on screen, in degrees (the vision code's roll sign).
struct SubjectPose {
    double x = 0;
    double y = 0;
    double zoom = 1;
    double roll = 0;
};

// A person's movement in front of the camera, scripted as poses at given
// times and interpolated between them, plus a small steady sway so a still
// portrait never looks frozen. Scripts live in config/camera/motion/.
class MotionScript {
public:
    enum class Easing { Linear, Smooth };

    struct Keyframe {
        double time = 0;          // seconds from the start of the script
        SubjectPose pose;
        Easing easing = Easing::Linear;   // how the move *into* this keyframe goes
    };

    struct Sway {
        double amplitude = 0;     // fraction of the frame, in x and y
        double period = 1;        // seconds
    };

    // A subject standing still in the middle.
    MotionScript();

    // Parses {"loop": bool, "sway": {...}, "keyframes": [{"t", "x", "y", "zoom", "roll", "ease"}]}.
    // Throws ConfigError naming `where` and the keyframe when a value is
    // missing, times do not increase, or zoom is not positive.
    static MotionScript from_json(const nlohmann::json& j, const std::string& where);
    static MotionScript load(const std::filesystem::path& file);

    SubjectPose pose_at(double seconds) const;
    double duration() const { return keyframes_.back().time; }
    bool loops() const { return loop_; }

private:
    std::vector<Keyframe> keyframes_;
    Sway sway_;
    bool loop_ = false;
};

} // namespace kiosk::camera
