#include "kiosk/calibration_application.h"

#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <spdlog/spdlog.h>

namespace kiosk::runtime {

session::BoothCalibrated booth_calibrated(const std::optional<calibration::CalibrationProfile>& profile,
                                          const session::BoothCalibrated& configured, int frame_height)
{
    session::BoothCalibrated booth = configured;
    if (!profile)
        return booth;
    if (profile->lights)
        booth.lights = profile->lights;
    if (const auto& seat = profile->seat) {
        if (seat->upper_stop_mm > seat->lower_stop_mm)
            booth.seat_travel = lightseat::SeatTravel{seat->lower_stop_mm, seat->upper_stop_mm};
        // A slope of 0 means the eye line was not mapped (the seat ran without
        // a technician seated): the configured guess stays.
        if (seat->eye_px_per_mm != 0.0 && frame_height > 0)
            booth.seat_mm_per_frame_height = frame_height / std::abs(seat->eye_px_per_mm);
    }
    return booth;
}

namespace {

// An unreadable plate costs the engine its plate, not the kiosk its profile:
// without one every check still judges, as before calibration.
std::shared_ptr<const vision::BackdropPlate>
plate_of(const std::optional<calibration::CalibrationProfile>& profile)
{
    if (!profile || !profile->background_plate)
        return nullptr;
    const auto& file = *profile->background_plate;
    try {
        return std::make_shared<const vision::BackdropPlate>(cv::imread(file.string(), cv::IMREAD_COLOR));
    } catch (const std::exception& e) {
        spdlog::error("runtime: the background plate {} cannot be used: {}", file.string(), e.what());
        return nullptr;
    }
}

} // namespace

CalibrationApplication::CalibrationApplication(camera::CameraSource& camera, cv::Size stream_size,
                                               lightseat::LightSeatController* controller,
                                               session::BoothCalibrated configured, PlateUser use_plate,
                                               EventSink post)
    : camera_(camera), controller_(controller), configured_controls_(camera.controls()), stream_size_(stream_size),
      configured_(std::move(configured)), use_plate_(std::move(use_plate)), post_(std::move(post))
{
}

void CalibrationApplication::apply(const calibration::ProfileLookup& lookup)
{
    const auto& profile = lookup.profile;
    if (!lookup.problem.empty())
        spdlog::error("runtime: calibration profile: {}; running with {}", lookup.problem,
                      profile ? "profile " + profile->id : std::string("the configured figures"));
    camera_.set_controls(profile && profile->camera ? *profile->camera : configured_controls_);
    if (use_plate_)
        use_plate_(plate_of(profile));
    // The eye-line slope is in pixels of the live frame, whose size a real
    // sensor may have chosen otherwise than asked.
    const auto frame = camera_.frames().latest();
    const int frame_height = frame && !frame->image.empty() ? frame->image.rows : stream_size_.height;
    auto booth = booth_calibrated(profile, configured_, frame_height);
    // The host refuses moves outside its travel itself: the seat servo may
    // then use stops the board has beyond the configured ones.
    if (controller_ && booth.seat_travel)
        controller_->set_seat_travel(*booth.seat_travel);
    post_(std::move(booth));
    spdlog::info("runtime: calibration {} applied", profile ? "profile " + profile->id : std::string("defaults"));
}

std::optional<lightseat::LightLevels>
CalibrationApplication::working_lights(const calibration::ProfileLookup& lookup) const
{
    return booth_calibrated(lookup.profile, configured_, stream_size_.height).lights;
}

} // namespace kiosk::runtime
