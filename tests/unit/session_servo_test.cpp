// The seat and light servos in a simulated loop: each command is applied to a
// simple model of the citizen and the lights, the next frame measured from it.
#include <cmath>

#include <gtest/gtest.h>

#include "session/framing.h"
#include "session/light_servo.h"
#include "session/seat_servo.h"
#include "session_visit_driver.h"

namespace {

using namespace kiosk::session;
using namespace kiosk::session::testing;

// A citizen whose eyes sit at the crop plan's wanted height when the seat is
// at `ideal_mm`; `px_per_mm` is the camera's true scale at their distance,
// which the servo only knows roughly (config's mm_per_frame_height).
struct SeatedCitizen {
    const kiosk::spec::DocumentSpec& spec;
    double ideal_mm;
    double px_per_mm;
    double wanted_eye_y;

    double eye_offset(double seat_mm) const
    {
        const double eye_y = wanted_eye_y + (ideal_mm - seat_mm) * px_per_mm;
        const auto a = passing_assessment(spec, eye_y);
        return crop_window_offset(*a.crop, spec.output, kFrame);
    }
};

double wanted_eye_y(const kiosk::spec::DocumentSpec& spec)
{
    const auto a = passing_assessment(spec, 300);
    return 300 - crop_window_offset(*a.crop, spec.output, kFrame) * kFrame.height;
}

struct SeatRun {
    std::uint16_t final_mm = 0;
    int moves = 0;
    bool stayed_in_travel = true;
};

SeatRun run_seat(const SeatServoSettings& settings, const SeatedCitizen& citizen, std::uint16_t start_mm)
{
    SeatRun run{start_mm, 0, true};
    for (int frame = 0; frame < 50; ++frame) {
        const auto target = seat_target(settings, run.final_mm, citizen.eye_offset(run.final_mm));
        if (!target)
            break;
        run.stayed_in_travel = run.stayed_in_travel && settings.travel.contains(*target);
        run.final_mm = *target;
        ++run.moves;
    }
    return run;
}

class SeatServo : public ::testing::Test {
protected:
    VisitDriver kiosk;
    const kiosk::spec::DocumentSpec& spec = kiosk.spec("resident-id");
    const SeatServoSettings& settings = kiosk.settings().seat;
    const double assumed_px_per_mm = kFrame.height / settings.mm_per_frame_height;
};

TEST_F(SeatServo, ConvergesWithinTheDeadBandEvenWhenTheScaleIsOff)
{
    for (const double scale_error : {0.7, 1.0, 1.4}) {
        for (const double ideal : {420.0, 505.0, 600.0}) {
            const SeatedCitizen citizen{spec, ideal, assumed_px_per_mm * scale_error, wanted_eye_y(spec)};
            const SeatRun run = run_seat(settings, citizen, 450);
            SCOPED_TRACE(::testing::Message() << "scale x" << scale_error << ", ideal " << ideal << " mm");
            EXPECT_TRUE(run.stayed_in_travel);
            EXPECT_LE(std::abs(run.final_mm - ideal), settings.dead_band_mm / std::min(1.0, scale_error) + 1);
            const int fewest = static_cast<int>(std::ceil(std::abs(ideal - 450) / settings.max_step_mm));
            EXPECT_LE(run.moves, fewest + 4) << "no hunting";
        }
    }
}

TEST_F(SeatServo, NeverCommandsOutsideTheTravel)
{
    for (const double ideal : {200.0, 900.0}) {
        const SeatedCitizen citizen{spec, ideal, assumed_px_per_mm, wanted_eye_y(spec)};
        const SeatRun run = run_seat(settings, citizen, 500);
        EXPECT_TRUE(run.stayed_in_travel);
        EXPECT_EQ(run.final_mm, ideal < 500 ? settings.travel.min_mm : settings.travel.max_mm);
        EXPECT_FALSE(seat_target(settings, run.final_mm, citizen.eye_offset(run.final_mm)))
            << "nothing more is asked at the end stop";
    }
}

TEST_F(SeatServo, OneStepIsBoundedAndTheDeadBandHolds)
{
    const auto far = seat_target(settings, 500, 0.5);
    ASSERT_TRUE(far);
    EXPECT_EQ(*far, 500 + settings.max_step_mm);
    const double within = 0.9 * settings.dead_band_mm / settings.mm_per_frame_height;
    EXPECT_FALSE(seat_target(settings, 500, within));
    EXPECT_FALSE(seat_target(settings, 500, -within));
    EXPECT_FALSE(seat_target(settings, 500, std::nan("")));
}

TEST_F(SeatServo, EyesLowInTheFrameRaiseTheSeat)
{
    const auto low = passing_assessment(spec, 500);
    const auto high = passing_assessment(spec, 150);
    EXPECT_GT(crop_window_offset(*low.crop, spec.output, kFrame), 0);
    EXPECT_GT(*seat_target(settings, 500, crop_window_offset(*low.crop, spec.output, kFrame)), 500);
    EXPECT_LT(*seat_target(settings, 500, crop_window_offset(*high.crop, spec.output, kFrame)), 500);
}

// Cheeks lit by the two key lights and by the room, which throws a side
// shadow; `sign` says which key light brightens which cheek (mirrored mounts).
struct LitFace {
    double room_left;
    double room_right;
    int sign;

    double ratio(const kiosk::lightseat::LightLevels& l) const
    {
        const double push = sign * (l.key_left - l.key_right) / 1000.0;
        const double left = room_left + (l.key_left + l.key_right) / 1000.0 * (0.5 + 0.5 * push);
        const double right = room_right + (l.key_left + l.key_right) / 1000.0 * (0.5 - 0.5 * push);
        return std::max(left, right) / std::min(left, right);
    }
};

struct LightRun {
    double final_ratio = 0;
    int commands = 0;
    bool in_range = true;
};

LightRun run_lights(const LightServoSettings& settings, const LitFace& face)
{
    LightServoState state;
    kiosk::lightseat::LightLevels levels = settings.start;
    LightRun run;
    for (int frame = 0; frame < 60; ++frame) {
        const auto decision = balance_lights(settings, state, face.ratio(levels));
        state = decision.state;
        if (decision.levels) {
            levels = *decision.levels;
            ++run.commands;
            run.in_range = run.in_range && levels.key_left <= kiosk::lightseat::max_light_level &&
                           levels.key_right <= kiosk::lightseat::max_light_level &&
                           std::abs(state.shift) <= settings.max_shift &&
                           levels.background == settings.start.background;
        }
    }
    run.final_ratio = face.ratio(levels);
    return run;
}

TEST(LightServo, RemovesASideShadowWhicheverWayTheLightsAreWired)
{
    VisitDriver kiosk;
    const LightServoSettings& settings = kiosk.settings().lights;
    for (const int sign : {1, -1}) {
        for (const auto& [left, right] : {std::pair{0.3, 0.6}, std::pair{0.6, 0.3}, std::pair{0.5, 0.3}}) {
            const LitFace face{left, right, sign};
            SCOPED_TRACE(::testing::Message() << "wiring " << sign << ", room " << left << "/" << right);
            ASSERT_GT(face.ratio(settings.start), settings.dead_band_ratio) << "the test starts with a shadow";
            const LightRun run = run_lights(settings, face);
            EXPECT_TRUE(run.in_range);
            EXPECT_LE(run.final_ratio, settings.dead_band_ratio);
            EXPECT_LE(run.commands, 15);
        }
    }
}

TEST(LightServo, StaysWithinItsRangeAgainstAShadowItCannotRemove)
{
    VisitDriver kiosk;
    const LightServoSettings& settings = kiosk.settings().lights;
    const LitFace face{4.0, 0.2, 1};
    const LightRun run = run_lights(settings, face);
    EXPECT_TRUE(run.in_range);
    EXPECT_LT(run.final_ratio, face.ratio(settings.start)) << "still as good as it can make it";
}

TEST(LightServo, LeavesEvenLightAlone)
{
    VisitDriver kiosk;
    const LightServoSettings& settings = kiosk.settings().lights;
    const auto decision = balance_lights(settings, LightServoState{}, settings.dead_band_ratio);
    EXPECT_FALSE(decision.levels);
    EXPECT_EQ(levels_for_shift(settings, 5000).key_left, kiosk::lightseat::max_light_level);
    EXPECT_EQ(levels_for_shift(settings, -5000).key_left, 0);
}

} // namespace
