#include "camera/libcamera_controls.h"

#include <cmath>
#include <cstdint>

#include <libcamera/control_ids.h>

namespace kiosk::camera {

namespace cid = libcamera::controls;

void write_controls(libcamera::ControlList& list, const CameraControls& controls,
                    const libcamera::ControlInfoMap& supported)
{
    const auto offers = [&](const libcamera::ControlId& id) { return supported.count(id.id()) > 0; };

    if (offers(cid::AeEnable))
        list.set(cid::AeEnable, controls.auto_exposure);
    if (!controls.auto_exposure) {
        if (offers(cid::ExposureTime))
            list.set(cid::ExposureTime, static_cast<std::int32_t>(controls.exposure_time.count()));
        if (offers(cid::AnalogueGain))
            list.set(cid::AnalogueGain, controls.analogue_gain);
    }
    if (offers(cid::AwbEnable))
        list.set(cid::AwbEnable, controls.auto_white_balance);
    if (!controls.auto_white_balance && offers(cid::ColourGains))
        list.set(cid::ColourGains, {controls.colour_gains.red, controls.colour_gains.blue});
}

void write_frame_rate(libcamera::ControlList& list, double fps, const libcamera::ControlInfoMap& supported)
{
    if (supported.count(cid::FrameDurationLimits.id()) == 0)
        return;
    const auto period_us = static_cast<std::int64_t>(std::llround(1e6 / fps));
    list.set(cid::FrameDurationLimits, {period_us, period_us});
}

CameraControls read_controls(const libcamera::ControlList& metadata, const CameraControls& requested)
{
    CameraControls actual = requested;
    if (const auto exposure = metadata.get(cid::ExposureTime))
        actual.exposure_time = std::chrono::microseconds(*exposure);
    if (const auto gain = metadata.get(cid::AnalogueGain))
        actual.analogue_gain = *gain;
    if (const auto gains = metadata.get(cid::ColourGains))
        actual.colour_gains = ColourGains{(*gains)[0], (*gains)[1]};
    return actual;
}

} // namespace kiosk::camera
