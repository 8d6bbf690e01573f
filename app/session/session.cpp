#include "session/session.h"

#include <algorithm>
#include <type_traits>

#include <spdlog/spdlog.h>

#include "core/error.h"
#include "session/field_check.h"
#include "session/framing.h"
#include "session/guidance.h"
#include "session/seat_servo.h"
#include "session/session_state.h"
#include "session/view_builder.h"
#include "vision/check_ids.h"

namespace kiosk::session {
namespace {

using Commands = std::vector<Command>;

bool in_visit(Step step) { return step != Step::Attract && step != Step::OutOfService; }

bool technician_step(Step step) { return step == Step::TechnicianPin || step == Step::TechnicianMenu; }

// The steps whose frames and still need the booth lit (the pose step lights it).
bool lit_step(Step step) { return step == Step::SeatAndPose || step == Step::Countdown || step == Step::Capturing; }

// Applies events to the state. Each handler changes the state and appends
// the commands the runtime must carry out.
class Transitions {
public:
    Transitions(SessionState& s, Commands& out) : s_(s), out_(out) {}

    void operator()(const ActionTouched& e) { on_action(e.action); }
    void operator()(const DocumentChosen& e) { on_document(e.spec_id); }
    void operator()(const FieldEdited& e) { on_field_edited(e.field, e.value); }
    void operator()(const FieldFocused& e) { on_field_focused(e.field); }
    void operator()(const Tick& e) { on_tick(e.now); }
    void operator()(const LiveAssessment& e) { on_live(e); }
    void operator()(const PhotoReady& e) { on_photo(e.photo); }
    void operator()(const PhotoRejected& e) { on_photo_rejected(e); }
    void operator()(const ReceiptChecked& e) { on_receipt_checked(e); }
    void operator()(const SubmissionQueued& e) { on_queued(e); }
    void operator()(const SubmissionAcknowledged& e) { on_acknowledged(e.receipt_number); }
    void operator()(const SubmissionDelayed& e) { on_delayed(e.reason); }
    void operator()(const ReceiptPrinted& e) { on_printed(e.receipt_number); }
    void operator()(const ReceiptNotPrinted& e) { on_not_printed(e.receipt_number, e.reason_key); }
    void operator()(const DeviceChanged& e) { on_device(e); }
    void operator()(const SeatChanged& e)
    {
        s_.devices.seat_mm = e.position_mm;
        s_.devices.seat_moving = e.moving;
    }
    void operator()(const TechnicianGesture&) { on_technician_gesture(); }
    void operator()(const TechnicianPinEdited& e) { on_pin_edited(e.pin); }
    void operator()(const TechnicianPinChecked& e) { on_pin_checked(e); }
    void operator()(const ProcedureChosen& e) { on_procedure_chosen(e.procedure); }
    void operator()(const CalibrationReports& e) { on_calibration_reports(e); }
    void operator()(const CalibrationProgress& e) { on_calibration_progress(e.progress); }
    void operator()(const BoothCalibrated& e) { on_booth_calibrated(e); }
    void operator()(const OccupancyChanged& e)
    {
        if (!s_.devices.controller)
            return;
        if (e.occupied)
            s_.devices.seat_empty_since.reset();
        else if (!s_.devices.seat_empty_since)
            s_.devices.seat_empty_since = s_.now;
    }

private:
    void enter(Step step)
    {
        if (step != s_.step)
            spdlog::debug("session: {} -> {}", to_string(s_.step), to_string(step));
        s_.step = step;
        s_.step_entered = s_.now;
        s_.last_activity = s_.now;
        s_.notice.reset();
        if (step == Step::SeatAndPose)
            start_pose();
    }

    // The step to show when nobody is being served.
    Step idle_step() const
    {
        return s_.devices.camera && s_.devices.printer ? Step::Attract : Step::OutOfService;
    }

    void end_visit(std::string_view why)
    {
        spdlog::info("session: visit ended at {} ({})", to_string(s_.step), why);
        s_.visit = Visit{};
        s_.technician = TechnicianVisit{};
        s_.pose = PoseProgress{};
        s_.locale = s_.settings.locales.front();
        out_.push_back(ForgetCitizen{});
        enter(idle_step());
    }

    void begin_visit(bool resubmission)
    {
        s_.visit = Visit{};
        s_.visit.resubmission = resubmission;
        enter(Step::ChooseDocument);
    }

    // ---- citizen ----------------------------------------------------------

    void on_action(Action action)
    {
        s_.last_activity = s_.now;
        if (action == Action::ToggleLanguage) {
            const auto& locales = s_.settings.locales;
            const auto it = std::find(locales.begin(), locales.end(), s_.locale);
            s_.locale = (it == locales.end() || it + 1 == locales.end()) ? locales.front() : *(it + 1);
            return;
        }
        // A procedure drives the seat and lamps: it is stopped, not walked away from.
        if (action == Action::Cancel && s_.step == Step::TechnicianMenu &&
            (s_.technician.running || s_.technician.rolling_back))
            return;
        if (action == Action::Cancel && in_visit(s_.step)) {
            end_visit("cancelled");
            return;
        }
        switch (s_.step) {
        case Step::Attract:
            if (action == Action::Start || action == Action::ResubmitRejected)
                begin_visit(action == Action::ResubmitRejected);
            break;
        case Step::ChooseDocument:
            if (action == Action::ResubmitRejected)
                s_.visit.resubmission = true;
            else if (action == Action::Back)
                end_visit("back from the first screen");
            break;
        case Step::EnterReceiptNumber:
        case Step::ApplicantDetails:
            on_form_action(action);
            break;
        case Step::SeatAndPose:
            if (action == Action::Back)
                enter(step_before_pose());
            break;
        case Step::Review:
            on_review_action(action);
            break;
        case Step::Done:
            if (action == Action::Finish)
                end_visit("finished");
            break;
        case Step::TechnicianPin:
            if (action == Action::Next)
                submit_pin();
            break;
        case Step::TechnicianMenu:
            on_menu_action(action);
            break;
        default:
            break;
        }
    }

    Step step_after_document() const
    {
        if (s_.visit.resubmission)
            return Step::EnterReceiptNumber;
        return s_.settings.fields_for(s_.visit.document->id).empty() ? Step::SeatAndPose : Step::ApplicantDetails;
    }

    Step step_before_pose() const
    {
        if (!s_.settings.fields_for(s_.visit.document->id).empty())
            return Step::ApplicantDetails;
        return s_.visit.resubmission ? Step::EnterReceiptNumber : Step::ChooseDocument;
    }

    void on_document(const std::string& spec_id)
    {
        if (s_.step != Step::ChooseDocument)
            return;
        s_.last_activity = s_.now;
        const auto it = std::find_if(s_.documents.begin(), s_.documents.end(),
                                     [&](const spec::DocumentSpec& d) { return d.id == spec_id; });
        if (it == s_.documents.end()) {
            spdlog::warn("session: document \"{}\" is not offered; ignored", spec_id);
            return;
        }
        s_.visit.document = &*it;
        enter(step_after_document());
    }

    void on_form_action(Action action)
    {
        auto fields = form_fields(s_);
        switch (action) {
        case Action::Next:
            if (!fields_complete(fields)) {
                // Show every problem at once rather than one per press.
                for (const auto& f : fields)
                    s_.visit.left.insert(f.field);
                return;
            }
            if (s_.step == Step::EnterReceiptNumber) {
                // A well-formed number is not yet a rejected one: the review
                // centre says, and the visit goes on with its answer.
                const auto& field = fields.front();
                const auto number = check_field(field.field, field.value, s_.settings.applicant).value;
                s_.visit.typed[field.field] = number;
                s_.visit.checking_receipt = number;
                s_.notice = "notice.receipt_checking";
                out_.push_back(CheckRejectedReceipt{number});
            } else {
                enter(Step::SeatAndPose);
            }
            break;
        case Action::Skip: {
            const auto focused = std::find_if(fields.begin(), fields.end(),
                                              [&](const FormField& f) { return s_.visit.focused == f.field; });
            if (focused == fields.end() || !focused->optional)
                return;
            s_.visit.typed.erase(focused->field);
            s_.visit.refused_edit.erase(focused->field);
            const auto next = focused + 1;
            s_.visit.focused = next != fields.end() ? std::optional<Field>(next->field) : std::nullopt;
            break;
        }
        case Action::Back:
            if (s_.step == Step::ApplicantDetails && s_.visit.resubmission)
                enter(Step::EnterReceiptNumber);
            else
                enter(Step::ChooseDocument);
            break;
        default:
            break;
        }
    }

    bool field_on_screen(Field field) const
    {
        const auto fields = form_fields(s_);
        return std::any_of(fields.begin(), fields.end(), [&](const FormField& f) { return f.field == field; });
    }

    void on_field_edited(Field field, const std::string& value)
    {
        if (!field_on_screen(field))
            return;
        s_.last_activity = s_.now;
        if (static_cast<int>(value.size()) > s_.settings.applicant.max_input_bytes) {
            // Keep what was there: a runaway paste must not cost the citizen their typing.
            s_.visit.refused_edit[field] = "field.error.too_long";
            return;
        }
        s_.visit.refused_edit.erase(field);
        s_.visit.typed[field] = value;
        if (field == Field::ReceiptNumber && s_.visit.checking_receipt) {
            // The answer on its way is about the number as it was.
            s_.visit.checking_receipt.reset();
            s_.notice.reset();
        }
    }

    void on_receipt_checked(const ReceiptChecked& e)
    {
        if (s_.step != Step::EnterReceiptNumber || s_.visit.checking_receipt != e.receipt_number)
            return;
        s_.visit.checking_receipt.reset();
        s_.last_activity = s_.now;
        switch (e.outcome) {
        case ReceiptCheck::Rejected:
            enter(s_.settings.fields_for(s_.visit.document->id).empty() ? Step::SeatAndPose : Step::ApplicantDetails);
            return;
        case ReceiptCheck::Pending: s_.notice = "notice.receipt_pending"; break;
        case ReceiptCheck::Approved: s_.notice = "notice.receipt_approved"; break;
        case ReceiptCheck::Unknown: s_.notice = "notice.receipt_unknown"; break;
        // No retake on trust while the service cannot be asked: it takes a
        // new photo only for a receipt it rejected, so a photo taken now for
        // a number that is pending, approved or mistyped would stay refused
        // in the outbox while its slip told the citizen it was handed in.
        // Typing the number again costs them less than that; the screen says
        // to try again shortly or ask staff, and a new application (a new
        // receipt) still works offline.
        case ReceiptCheck::Unreachable: s_.notice = "notice.receipt_check_unavailable"; break;
        }
        spdlog::info("session: receipt number not taken for a retake ({})", *s_.notice);
    }

    // ---- technician --------------------------------------------------------

    void on_technician_gesture()
    {
        // Only while nobody is served: nothing of a citizen's is on screen or in memory.
        if (s_.step != Step::Attract && s_.step != Step::OutOfService)
            return;
        s_.technician = TechnicianVisit{};
        enter(Step::TechnicianPin);
    }

    void on_pin_edited(const std::string& pin)
    {
        auto& t = s_.technician;
        if (s_.step != Step::TechnicianPin || t.checking)
            return;
        s_.last_activity = s_.now;
        if (pin.size() > s_.settings.technician.max_pin_digits ||
            pin.find_first_not_of("0123456789") != std::string::npos)
            return;
        t.pin = pin;
    }

    void submit_pin()
    {
        auto& t = s_.technician;
        if (t.checking || t.pin.empty() || (t.locked_until && s_.now < *t.locked_until))
            return;
        t.checking = true;
        out_.push_back(CheckTechnicianPin{std::move(t.pin)});
        t.pin.clear();
    }

    void on_pin_checked(const TechnicianPinChecked& e)
    {
        auto& t = s_.technician;
        if (s_.step != Step::TechnicianPin || !t.checking)
            return;
        t.checking = false;
        t.tries_left.reset();
        t.locked_until.reset();
        s_.last_activity = s_.now;
        switch (e.verdict) {
        case PinVerdict::Accepted:
            t.technician = e.technician;
            spdlog::info("session: technician {} entered calibration", e.technician);
            enter(Step::TechnicianMenu);
            out_.push_back(LoadCalibrationReports{});
            return;
        case PinVerdict::Unavailable:
            t.unavailable = true;
            return;
        case PinVerdict::Wrong:
        case PinVerdict::Locked:
            if (e.locked_for.count() > 0)
                t.locked_until = s_.now + e.locked_for;
            else
                t.tries_left = e.tries_left;
            return;
        }
    }

    void on_procedure_chosen(const std::string& procedure)
    {
        auto& t = s_.technician;
        const auto& offered = s_.settings.technician.procedures;
        if (s_.step != Step::TechnicianMenu || t.running || t.rolling_back ||
            std::find(offered.begin(), offered.end(), procedure) == offered.end())
            return;
        s_.last_activity = s_.now;
        t.running = procedure;
        out_.push_back(RunCalibration{procedure, t.technician});
    }

    void on_menu_action(Action action)
    {
        auto& t = s_.technician;
        if (action == Action::StopProcedure && t.running && !t.stopping) {
            t.stopping = true;
            out_.push_back(CancelCalibration{});
        } else if (action == Action::RollbackProfile && !t.running && !t.rolling_back && t.profile &&
                   t.profile->can_roll_back) {
            t.rolling_back = true;
            out_.push_back(RollbackCalibration{t.technician});
        }
    }

    void on_calibration_reports(const CalibrationReports& e)
    {
        auto& t = s_.technician;
        if (s_.step != Step::TechnicianMenu)
            return;
        s_.last_activity = s_.now;
        for (const auto& report : e.reports) {
            t.last[report.procedure] = report;
            if (t.running == report.procedure) {
                t.running.reset();
                t.progress.reset();
                t.stopping = false;
            }
        }
        // A rollback answers with the reports of the profile it went back to.
        if (!t.running)
            t.rolling_back = false;
        t.profile = e.profile;
    }

    void on_calibration_progress(const calibration::ProcedureProgress& progress)
    {
        auto& t = s_.technician;
        if (s_.step == Step::TechnicianMenu && t.running == progress.procedure)
            t.progress = progress;
    }

    // From the next visit on, the servos start where the technician left the booth.
    void on_booth_calibrated(const BoothCalibrated& e)
    {
        if (e.lights)
            s_.settings.lights.start = *e.lights;
        if (e.seat_travel)
            s_.settings.seat.travel = *e.seat_travel;
        if (e.seat_mm_per_frame_height)
            s_.settings.seat.mm_per_frame_height = *e.seat_mm_per_frame_height;
    }

    void on_field_focused(Field field)
    {
        if (!field_on_screen(field))
            return;
        s_.last_activity = s_.now;
        if (s_.visit.focused && *s_.visit.focused != field)
            s_.visit.left.insert(*s_.visit.focused);
        s_.visit.focused = field;
    }

    void on_review_action(Action action)
    {
        if (action == Action::Accept && s_.visit.photo) {
            submit();
        } else if (action == Action::Retake && s_.visit.retakes_used < s_.settings.capture.retake_limit) {
            ++s_.visit.retakes_used;
            s_.visit.photo.reset();
            enter(Step::SeatAndPose);
        }
    }

    // ---- pose and capture -------------------------------------------------

    void start_pose()
    {
        s_.pose = PoseProgress{};
        out_.push_back(UseSpec{s_.visit.document->id});
        if (s_.devices.controller) {
            s_.devices.lights = LightServoState{};
            s_.devices.last_lights_command = s_.now;
            out_.push_back(SetLights{s_.settings.lights.start});
        }
    }

    void on_live(const LiveAssessment& e)
    {
        if (s_.step != Step::SeatAndPose && s_.step != Step::Countdown)
            return;
        // Frames judged against the previous document (before UseSpec took effect) say nothing.
        if (!e.assessment || e.assessment->spec_id != s_.visit.document->id)
            return;
        // A frame is news from the steady clock too, between two ticks.
        s_.now = std::max(s_.now, e.frame_time);
        const vision::Assessment& a = *e.assessment;
        if (a.face)
            s_.last_activity = s_.now;

        PoseGuide guide;
        guide.frame_time = e.frame_time;
        guide.frame_sequence = e.frame_sequence;
        guide.target = s_.settings.default_guide;
        if (a.face) {
            guide.face = mirrored_normalised(cv::Rect2d(a.face->box), a.image_size);
            if (a.crop)
                guide.target = guide_target(a.face->box, *a.crop, s_.visit.document->output, a.image_size);
        }
        guide.all_checks_pass = a.verdict() == vision::CheckStatus::Pass;
        if (!guide.all_checks_pass) {
            const auto advice = pick_instruction(a, s_.settings.guidance_priority);
            guide.instruction = Text{advice ? "advice." + *advice : "instruction.hold_still", {}};
        }

        if (s_.step == Step::Countdown) {
            s_.pose.guide = guide;
            if (!guide.all_checks_pass) {
                spdlog::debug("session: countdown cancelled, a check failed");
                enter(Step::SeatAndPose);
                s_.pose.guide = guide;
            }
            return;
        }

        if (guide.all_checks_pass) {
            if (!s_.pose.hold_start)
                s_.pose.hold_start = e.frame_time;
            const auto held = e.frame_time - *s_.pose.hold_start;
            guide.hold_progress = std::min(1.0, std::chrono::duration<double>(held).count() /
                                                    std::chrono::duration<double>(s_.settings.capture.hold).count());
        } else {
            s_.pose.hold_start.reset();
        }
        s_.pose.guide = guide;
        if (guide.hold_progress >= 1.0) {
            enter(Step::Countdown);
            s_.pose.guide = guide;
            s_.pose.countdown_start = s_.now;
            s_.pose.countdown = s_.settings.capture.countdown_from;
            return;
        }
        steer_seat(a, e.frame_time);
        balance_lights_on(a, e.frame_time);
    }

    void steer_seat(const vision::Assessment& a, SteadyClock::time_point frame_time)
    {
        Devices& d = s_.devices;
        if (!d.controller || !d.seat_mm || d.seat_moving || !a.face || !a.crop)
            return;
        if (d.last_seat_command &&
            (s_.now - *d.last_seat_command < s_.settings.seat.min_interval || frame_time < *d.last_seat_command))
            return;
        const double offset = crop_window_offset(*a.crop, s_.visit.document->output, a.image_size);
        if (const auto target = seat_target(s_.settings.seat, *d.seat_mm, offset)) {
            d.last_seat_command = s_.now;
            out_.push_back(MoveSeat{*target});
        }
    }

    void balance_lights_on(const vision::Assessment& a, SteadyClock::time_point frame_time)
    {
        Devices& d = s_.devices;
        if (!d.controller || (d.last_lights_command && frame_time < *d.last_lights_command + s_.settings.lights.settle))
            return;
        const vision::CheckResult* shadow = a.find(vision::check_id::face_shadow);
        if (!shadow || shadow->status == vision::CheckStatus::Unknown || !std::holds_alternative<double>(shadow->value))
            return;
        const LightDecision decision = balance_lights(s_.settings.lights, d.lights, std::get<double>(shadow->value));
        d.lights = decision.state;
        if (decision.levels) {
            d.last_lights_command = s_.now;
            out_.push_back(SetLights{*decision.levels});
        }
    }

    void on_photo(const std::shared_ptr<const AcceptedPhoto>& photo)
    {
        if (s_.step != Step::Capturing)
            return;
        if (!photo || photo->spec_id != s_.visit.document->id || photo->jpeg.empty()) {
            spdlog::warn("session: the still came back empty or for another document; taking it again");
            enter(Step::SeatAndPose);
            s_.notice = "notice.capture_failed";
            return;
        }
        s_.visit.photo = photo;
        enter(Step::Review);
    }

    void on_photo_rejected(const PhotoRejected& e)
    {
        if (s_.step != Step::Capturing)
            return;
        spdlog::info("session: still rejected ({})", e.detail);
        enter(Step::SeatAndPose);
        s_.notice = e.advice_key.empty() ? "notice.capture_failed" : e.advice_key;
    }

    // ---- hand-over: outbox, printer ---------------------------------------

    void submit()
    {
        SubmitApplication submission;
        submission.photo = s_.visit.photo;
        const auto value = [&](Field f) {
            const auto it = s_.visit.typed.find(f);
            return it == s_.visit.typed.end() ? std::string()
                                              : check_field(f, it->second, s_.settings.applicant).value;
        };
        for (const FieldRule& rule : s_.settings.fields_for(s_.visit.document->id)) {
            const std::string v = value(rule.field);
            if (rule.field == Field::Name)
                submission.applicant.name = v;
            else if (rule.field == Field::IdNumber)
                submission.applicant.id_number = v;
            else if (rule.field == Field::Phone)
                submission.applicant.phone = v;
        }
        if (s_.visit.resubmission)
            submission.resubmitted_receipt = value(Field::ReceiptNumber);
        s_.visit.receipt_number.clear();
        s_.visit.acknowledged = false;
        s_.visit.upload_delayed = false;
        out_.push_back(std::move(submission));
        enter(Step::Uploading);
    }

    void on_queued(const SubmissionQueued& e)
    {
        if (s_.step != Step::Uploading || e.receipt_number.empty())
            return;
        s_.visit.receipt_number = e.receipt_number;
        s_.visit.status_url = e.status_url;
        s_.visit.queued_at = s_.now;
    }

    void on_acknowledged(const std::string& number)
    {
        if (s_.visit.receipt_number.empty() || number != s_.visit.receipt_number)
            return;
        s_.visit.acknowledged = true;
        if (s_.step == Step::Uploading)
            print();
    }

    void on_delayed(const std::string& reason)
    {
        if (s_.step != Step::Uploading)
            return;
        spdlog::info("session: upload delayed ({}); the outbox keeps trying", reason);
        s_.visit.upload_delayed = true;
    }

    void print()
    {
        if (!s_.devices.printer) {
            // Never queue a slip with the citizen's photo on a printer that is down:
            // it could come out after they have gone.
            show_done(false, s_.devices.printer_reason.empty() ? std::optional<std::string>()
                                                               : s_.devices.printer_reason);
            return;
        }
        out_.push_back(PrintReceipt{s_.visit.receipt_number});
        enter(Step::Printing);
    }

    void show_done(bool printed, std::optional<std::string> reason)
    {
        s_.visit.printed = printed;
        s_.visit.not_printed_reason = std::move(reason);
        enter(Step::Done);
    }

    void on_printed(const std::string& number)
    {
        if (s_.step == Step::Printing && number == s_.visit.receipt_number)
            show_done(true, std::nullopt);
    }

    void on_not_printed(const std::string& number, const std::string& reason_key)
    {
        if (s_.step != Step::Printing || number != s_.visit.receipt_number)
            return;
        spdlog::warn("session: receipt not printed ({}); showing it on screen", reason_key);
        show_done(false, reason_key.empty() ? std::optional<std::string>() : reason_key);
    }

    // ---- machine ----------------------------------------------------------

    void on_tick(SteadyClock::time_point now)
    {
        s_.now = std::max(s_.now, now);
        const auto in_step = s_.now - s_.step_entered;
        const auto& idle = s_.settings.idle;
        // A technician stands beside the booth: an empty seat is no reason to leave.
        if (in_visit(s_.step) && !technician_step(s_.step) && s_.devices.controller && s_.devices.seat_empty_since &&
            s_.now - *s_.devices.seat_empty_since >= idle.person_left) {
            end_visit("the citizen left the seat");
            return;
        }
        if (const auto timeout = idle.timeout.find(s_.step);
            timeout != idle.timeout.end() && s_.now - s_.last_activity >= timeout->second &&
            !s_.technician.running) {
            end_visit("idle");
            return;
        }
        const auto& capture = s_.settings.capture;
        const auto& hand_over = s_.settings.hand_over;
        switch (s_.step) {
        case Step::Countdown: {
            const auto elapsed = s_.now - s_.pose.countdown_start;
            const auto shown = static_cast<int>(elapsed / capture.countdown_step);
            s_.pose.countdown = std::max(0, capture.countdown_from - shown);
            if (s_.pose.countdown == 0) {
                out_.push_back(CaptureStill{s_.visit.document->id});
                enter(Step::Capturing);
            }
            break;
        }
        case Step::Capturing:
            if (in_step >= capture.still_timeout) {
                spdlog::warn("session: no still within {} ms; back to the pose step", capture.still_timeout.count());
                enter(Step::SeatAndPose);
                s_.notice = "notice.capture_failed";
            }
            break;
        case Step::Uploading:
            if (s_.visit.receipt_number.empty() && in_step >= hand_over.queue_timeout) {
                // The photo is still here: the citizen can accept again.
                spdlog::error("session: the outbox did not take the photo within {} ms",
                              hand_over.queue_timeout.count());
                enter(Step::Review);
                s_.notice = "notice.submission_failed";
            } else if (!s_.visit.receipt_number.empty() &&
                       s_.now - s_.visit.queued_at >= hand_over.acknowledgement_wait) {
                s_.visit.upload_delayed = true;
                print();
            }
            break;
        case Step::Printing:
            if (in_step >= hand_over.print_timeout) {
                spdlog::warn("session: the printer did not answer within {} ms", hand_over.print_timeout.count());
                show_done(false, "notice.printer_no_answer");
            }
            break;
        case Step::Done:
            if (in_step >= idle.done_return)
                end_visit("done");
            break;
        default:
            break;
        }
    }

    void on_device(const DeviceChanged& e)
    {
        Devices& d = s_.devices;
        switch (e.device) {
        case Device::Camera:
            d.camera = e.usable;
            d.camera_reason = e.usable ? std::string() : e.reason_key;
            if (!e.usable) {
                spdlog::error("session: camera unusable ({}): out of service", e.reason_key);
                if (in_visit(s_.step))
                    end_visit("camera lost");
                enter(Step::OutOfService);
            } else if (s_.step == Step::OutOfService) {
                enter(idle_step());
            }
            break;
        case Device::Printer:
            d.printer = e.usable;
            d.printer_reason = e.usable ? std::string() : e.reason_key;
            // Mid-visit the citizen is served anyway (the done screen shows the
            // receipt); only a new visit waits for the printer.
            if (!in_visit(s_.step))
                enter(idle_step());
            break;
        case Device::Controller:
            // A board that came (back) while the citizen sits for the photo has
            // its lamps off (a replugged board starts dark): light the booth as
            // the servo last had it, or the photo is taken in the dark.
            const bool light_now = e.usable && !d.controller && lit_step(s_.step);
            const auto levels = levels_for_shift(s_.settings.lights, d.lights.shift);
            // Every start-up passes through "searching" before the board's
            // first answer: only a board lost after that is worth a warning.
            if (light_now)
                spdlog::info("session: light/seat controller {} during {}: lamps set to {}/{}/{}",
                             d.controller_answered ? "back" : "ready", to_string(s_.step), levels.key_left,
                             levels.key_right, levels.background);
            else if (e.usable && !d.controller_answered)
                spdlog::info("session: light/seat controller ready");
            else if (e.usable && !d.controller)
                spdlog::info("session: light/seat controller back");
            else if (!e.usable && d.controller && d.controller_answered)
                spdlog::warn("session: light/seat controller unusable ({}): no seat or light help", e.reason_key);
            else if (!e.usable && d.controller)
                spdlog::info("session: light/seat controller not ready yet ({})", e.reason_key);
            d.controller_answered = d.controller_answered || e.usable;
            d.controller = e.usable;
            // Whatever the sensor said before is stale either way.
            d.seat_empty_since.reset();
            if (light_now) {
                d.last_lights_command = s_.now;
                out_.push_back(SetLights{levels});
            }
            break;
        }
    }

    SessionState& s_;
    Commands& out_;
};

} // namespace

Session::Session(SessionSettings settings, std::vector<spec::DocumentSpec> documents, SteadyClock::time_point now)
    : state_(std::make_unique<SessionState>())
{
    if (documents.empty())
        throw ConfigError("session: no document to offer");
    state_->settings = std::move(settings);
    state_->documents = std::move(documents);
    state_->now = now;
    state_->locale = state_->settings.locales.front();
    state_->step_entered = now;
    state_->last_activity = now;
    view_ = std::make_shared<const ViewModel>(build_view(*state_));
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

std::vector<Command> Session::handle(const Event& event)
{
    Commands commands;
    std::visit(Transitions(*state_, commands), event);
    view_ = std::make_shared<const ViewModel>(build_view(*state_));
    return commands;
}

std::shared_ptr<const ViewModel> Session::view() const { return view_; }

Step Session::step() const { return state_->step; }

} // namespace kiosk::session
