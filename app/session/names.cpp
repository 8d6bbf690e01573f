#include "session/applicant.h"
#include "session/events.h"
#include "session/step.h"

namespace kiosk::session {

// Names for logs and config files: stable, lower case, never translated.

std::string_view to_string(Step step)
{
    switch (step) {
    case Step::OutOfService: return "out_of_service";
    case Step::Attract: return "attract";
    case Step::ChooseDocument: return "choose_document";
    case Step::EnterReceiptNumber: return "enter_receipt_number";
    case Step::ApplicantDetails: return "applicant_details";
    case Step::SeatAndPose: return "seat_and_pose";
    case Step::Countdown: return "countdown";
    case Step::Capturing: return "capturing";
    case Step::Review: return "review";
    case Step::Uploading: return "uploading";
    case Step::Printing: return "printing";
    case Step::Done: return "done";
    case Step::TechnicianPin: return "technician_pin";
    case Step::TechnicianMenu: return "technician_menu";
    }
    return "unknown";
}

std::string_view to_string(Field field)
{
    switch (field) {
    case Field::Name: return "name";
    case Field::IdNumber: return "id_number";
    case Field::Phone: return "phone";
    case Field::ReceiptNumber: return "receipt_number";
    }
    return "unknown";
}

std::string_view to_string(Device device)
{
    switch (device) {
    case Device::Camera: return "camera";
    case Device::Printer: return "printer";
    case Device::Controller: return "controller";
    }
    return "unknown";
}

} // namespace kiosk::session
