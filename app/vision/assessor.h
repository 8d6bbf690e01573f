#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

#include "spec/document_spec.h"
#include "vision/assessment.h"
#include "vision/backdrop_plate.h"
#include "vision/crown_finder.h"
#include "vision/face.h"
#include "vision/models.h"

namespace kiosk::vision {

// Judges still pictures against one document spec at full resolution: faces,
// pupils, pose, crown, the spec's crop and every check in check_id::all order.
// Passed around by reference; `assess` is const and thread-safe (the models
// hand each call its own scratch state).
class Assessor {
public:
    // `models` must outlive the assessor; the spec is copied. Throws
    // ConfigError when a limit the engine itself needs is missing from the spec.
    Assessor(const Models& models, const spec::DocumentSpec& spec);

    // Throws InputError when `bgr` is empty or not 8-bit 3-channel.
    Assessment assess(const cv::Mat& bgr) const;

    // Which checks `judge` runs. The expensive families (head accessories,
    // ears and neck, scene) may wait while the cheap ones (framing, pose,
    // expression) fail, or be left out altogether (the live path refreshes
    // them only now and then); either way they then report unknown with
    // detail "deferred until framing, pose and expression pass".
    enum class Depth { Full, DeferExpensiveUnlessCheapPass, CheapOnly };

    // Whether a check belongs to the expensive families.
    static bool is_expensive(std::string_view check_id);

    // Whether a check reads the face's details (eyes, lips, what is worn,
    // hair, ears, skin shine, texture and colour). Their contrast and colour
    // tolerances were measured on faces lit for the photo: on a face the
    // exposure check fails (lamps off, failing or far too bright) they see
    // chains in stray hair and blur in a dim but sharp face. On such a face
    // they report unknown, "too dark to judge: ..." (or too bright), and the
    // exposure check is judged whatever the depth, so its advice is the
    // instruction the citizen gets.
    static bool needs_lit_face(std::string_view check_id);

    // Judges a frame whose faces are already located (the live path tracks
    // them between frames): crown, crop and checks. `gray` is `bgr` in grey.
    Assessment judge(const cv::Mat& bgr, const cv::Mat& gray, int faces_found, const std::optional<Face>& subject,
                     Depth depth = Depth::Full) const;

    // The empty booth's plate (vision/backdrop_plate.h) to judge frames
    // against, or nullptr for none: the subject is then told from the
    // backdrop, and a shadow on it found, by the frame alone. Thread-safe,
    // also while other threads assess; each call to assess or judge uses the
    // plate set when it starts.
    void use_plate(std::shared_ptr<const BackdropPlate> plate) { plate_.store(std::move(plate)); }
    std::shared_ptr<const BackdropPlate> plate() const { return plate_.load(); }

    const spec::DocumentSpec& spec() const { return spec_; }
    const Models& models() const { return models_; }

private:
    const Models& models_;
    spec::DocumentSpec spec_;
    CrownParams crown_params_;
    std::atomic<std::shared_ptr<const BackdropPlate>> plate_;
};

} // namespace kiosk::vision
