#include "kiosk/walkup_script.h"

#include <stdexcept>
#include <thread>

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::runtime {

using session::Step;
using Clock = std::chrono::steady_clock;

WalkupCitizen WalkupCitizen::load(const std::filesystem::path& config_dir)
{
    const auto file = config_dir / "kiosk" / "walk-up-citizen.json";
    const auto json = load_json_file(file);
    const JsonFields fields(file.string(), json);
    WalkupCitizen citizen;
    citizen.document = fields.text("document");
    citizen.details.name = fields.text("name");
    citizen.details.id_number = fields.text("id_number");
    citizen.details.phone = fields.text("phone");
    citizen.look = fields.millis("look_ms");
    citizen.time_limit = std::chrono::seconds(fields.positive_int("time_limit_s"));
    return citizen;
}

WalkupScript::WalkupScript(SessionLoop& loop, lightseat::SimulatedLightSeatController* seat, WalkupCitizen citizen)
    : loop_(loop), seat_(seat), citizen_(std::move(citizen))
{
}

void WalkupScript::sit(bool occupied)
{
    if (seat_)
        seat_->act_on_board([occupied](lightseat::BoardModel& board) { board.set_occupied(occupied); });
    else
        // Without the simulated board nobody can sit on a real seat for the
        // script; the session hears it directly.
        loop_.post(session::OccupancyChanged{occupied});
}

void WalkupScript::answer(const session::ViewModel& view)
{
    switch (view.step) {
    case Step::Attract:
        loop_.post(session::ActionTouched{citizen_.rejected_receipt ? session::Action::ResubmitRejected
                                                                    : session::Action::Start});
        break;
    case Step::EnterReceiptNumber:
        if (citizen_.rejected_receipt) {
            loop_.post(session::FieldFocused{session::Field::ReceiptNumber});
            loop_.post(session::FieldEdited{session::Field::ReceiptNumber, *citizen_.rejected_receipt});
            loop_.post(session::ActionTouched{session::Action::Next});
        }
        break;
    case Step::ChooseDocument:
        loop_.post(session::DocumentChosen{citizen_.document});
        break;
    case Step::ApplicantDetails:
        if (!details_typed_) {
            for (const auto& field : view.fields) {
                const std::string* value = nullptr;
                switch (field.field) {
                case session::Field::Name: value = &citizen_.details.name; break;
                case session::Field::IdNumber: value = &citizen_.details.id_number; break;
                case session::Field::Phone: value = &citizen_.details.phone; break;
                case session::Field::ReceiptNumber: break;
                }
                if (!value)
                    continue;
                loop_.post(session::FieldFocused{field.field});
                loop_.post(session::FieldEdited{field.field, *value});
            }
            details_typed_ = true;
        }
        loop_.post(session::ActionTouched{session::Action::Next});
        break;
    case Step::SeatAndPose:
        sit(true);
        break;
    case Step::Review:
        std::this_thread::sleep_for(citizen_.look);
        loop_.post(session::ActionTouched{session::Action::Accept});
        break;
    default:
        break;   // the machine's turn: wait and watch
    }
}

WalkupReport WalkupScript::run()
{
    WalkupReport report;
    const auto deadline = Clock::now() + citizen_.time_limit;
    std::uint64_t seen = 0;
    std::optional<Step> current;
    Clock::time_point first_touch{}, step_began{}, pose_began{}, countdown_began{};
    bool posed = false;

    while (Clock::now() < deadline) {
        seen = loop_.wait_for_view(seen, std::chrono::milliseconds(200));
        const auto view = loop_.view();
        const auto now = Clock::now();
        if (view->step == current) {
            if (view->step == Step::SeatAndPose && !posed && view->guide && view->guide->all_checks_pass) {
                report.posing = now - pose_began;
                posed = true;
            }
            continue;
        }
        // A new screen.
        if (current && first_touch != Clock::time_point{}) {
            report.steps.push_back({*current, now - step_began});
            if (*current == Step::Countdown)
                report.countdown += now - countdown_began;
        }
        current = view->step;
        step_began = now;
        if (view->step == Step::SeatAndPose && pose_began == Clock::time_point{})
            pose_began = now;
        if (view->step == Step::Countdown)
            countdown_began = now;
        if (view->step == Step::Done) {
            report.total = now - first_touch;
            if (!posed)
                report.posing = countdown_began - pose_began;
            report.receipt_number = view->receipt_number;
            report.receipt_printed = view->receipt_printed;
            std::this_thread::sleep_for(citizen_.look);
            loop_.post(session::ActionTouched{session::Action::Finish});
            sit(false);
            return report;
        }
        const bool visit_begun = first_touch != Clock::time_point{};
        if (view->step == Step::OutOfService && !visit_begun)
            continue;   // the devices are still coming up
        if (view->step == Step::Attract && !visit_begun)
            first_touch = now;
        else if (view->step == Step::Attract || view->step == Step::OutOfService)
            throw std::runtime_error(std::string("the visit ended at ") + std::string(session::to_string(view->step)) +
                                     " before the done screen");
        if (view->step == Step::Review)
            report.looking += citizen_.look;
        answer(*view);
    }
    std::string where = current ? std::string(session::to_string(*current)) : "start-up";
    if (const auto view = loop_.view(); view->guide && view->guide->instruction)
        where += " (instruction on screen: " + view->guide->instruction->key + ")";
    else if (view->notice)
        where += " (notice on screen: " + view->notice->key + ")";
    throw std::runtime_error("the walk-up visit did not reach the done screen within " +
                             std::to_string(citizen_.time_limit.count()) + " s: stuck at " + where);
}

} // namespace kiosk::runtime
