// The seat procedure's scenarios (unit/seat_calibration_scenarios.h) through
// the real libusb driver against the board on an emulated USB bus (umockdev);
// calibration-seat-test runs the same ones against the in-process board.
#include <functional>
#include <memory>

#include "lightseat/usb_board_emulation.h"
#include "lightseat/usb_lightseat_controller.h"
#include "unit/seat_calibration_scenarios.h"

namespace kiosk::calibration::test {

class UsbBoard {
public:
    UsbBoard() = default;
    UsbBoard(const UsbBoard&) = delete;
    UsbBoard& operator=(const UsbBoard&) = delete;
    // The driver lets go of the device before the emulated bus goes away.
    ~UsbBoard()
    {
        if (controller_)
            controller_->stop();
        controller_.reset();
        board_.reset();
    }

    void plug(const lightseat::BoardSettings& board, const lightseat::ControllerSettings& host)
    {
        board_ = std::make_unique<lightseat::UsbBoardEmulation>(board, host.vendor_id, host.product_id);
        board_->plug();
        controller_ = std::make_unique<lightseat::UsbLightSeatController>(host);
        controller_->start();
    }
    lightseat::LightSeatController& controller() { return *controller_; }
    void act_on_board(const std::function<void(lightseat::BoardModel&)>& action) { board_->act_on_board(action); }
    void unplug() { board_->unplug(); }

private:
    std::unique_ptr<lightseat::UsbBoardEmulation> board_;
    std::unique_ptr<lightseat::UsbLightSeatController> controller_;
};

INSTANTIATE_TYPED_TEST_SUITE_P(SeatOnTheUsbBoard, SeatCalibrationScenarios, UsbBoard);

} // namespace kiosk::calibration::test
