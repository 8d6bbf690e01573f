// The seat procedure's scenarios (unit/seat_calibration_scenarios.h) against
// the in-process simulated board; calibration-seat-usb-test runs the same
// ones through the libusb driver on an emulated USB bus.
#include <functional>
#include <memory>

#include "lightseat/simulated_lightseat_controller.h"
#include "unit/seat_calibration_scenarios.h"

namespace kiosk::calibration::test {

class InProcessBoard {
public:
    void plug(const lightseat::BoardSettings& board, const lightseat::ControllerSettings& host)
    {
        controller_ = std::make_unique<lightseat::SimulatedLightSeatController>(host, board);
        controller_->start();
    }
    lightseat::LightSeatController& controller() { return *controller_; }
    void act_on_board(const std::function<void(lightseat::BoardModel&)>& action) { controller_->act_on_board(action); }
    void unplug() { controller_->unplug(); }

private:
    std::unique_ptr<lightseat::SimulatedLightSeatController> controller_;
};

INSTANTIATE_TYPED_TEST_SUITE_P(SeatOnTheInProcessBoard, SeatCalibrationScenarios, InProcessBoard);

} // namespace kiosk::calibration::test
