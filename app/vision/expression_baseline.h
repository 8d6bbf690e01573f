#pragma once

#include <optional>
#include <vector>

#include "spec/thresholds.h"
#include "vision/check_result.h"
#include "vision/checks/smile_cues.h"
#include "vision/face.h"

namespace kiosk::vision {

// The live path's second opinion on expression_neutral: the citizen's own
// relaxed face. A still photo can only compare a mouth with other people's
// (a faint closed-lip smile on a wide mouth reads like a neutral one), but
// the kiosk sees the same person for many frames, and a smile moves every
// cue the same way from that person's rest.
//
// The first `baseline_frames` frames of a seated subject (framing and pose
// pass) whose expression passes are taken as the relaxed face (the per-cue median, so one twitch
// does not set it); from then on a frame whose cues rose more than
// `max_smile_rise` above it fails expression_neutral even when its absolute
// smile score passes. A citizen who arrives smiling sets a smiling baseline:
// that costs the extra catch, never a false alarm, and the absolute score
// still applies. Limits come from the spec's "expression_neutral" entry.
// One per tracked subject: reset() when the track changes hands.
class ExpressionBaseline {
public:
    // Throws ConfigError when the spec lacks the limits.
    explicit ExpressionBaseline(const spec::Thresholds& limits);

    // `absolute` is the frame's expression_neutral result from the still
    // judgement; `seated` whether the face is framed and level on it (the
    // cues are compared on a steady, frontal face only). Returns `absolute`,
    // or a failure when the cues rose from the citizen's relaxed face.
    CheckResult judge(const Face& face, const CheckResult& absolute, bool seated);

    void reset();
    bool settled() const { return relaxed_.has_value(); }

private:
    spec::Thresholds limits_;
    std::size_t frames_needed_;
    double max_rise_;
    std::vector<SmileCues> seen_;
    std::optional<SmileCues> relaxed_;
};

} // namespace kiosk::vision
