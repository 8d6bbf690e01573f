#include "calibration/seat_calibration.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

namespace kiosk::calibration {

namespace {

using Clock = std::chrono::steady_clock;
using lightseat::CommandOutcome;
using lightseat::DeviceStatus;
using lightseat::SeatMotion;

enum class Arrival { Reached, Refused, Stalled };

// Ends a run before its end: how, the technician's advice and why.
struct Stopped {
    Outcome outcome;
    std::string advice_key;
    std::string detail;
};

std::string mm(int value)
{
    return std::to_string(value) + " mm";
}

// One find_stops() run: the moves, the stall count and the clock.
class StopFinder {
public:
    StopFinder(lightseat::LightSeatController& controller, const SeatCalibrationSettings& settings,
               lightseat::SeatTravel configured, const SeatCalibration::ProgressHandler& progress,
               std::stop_token cancel)
        : controller_(controller),
          settings_(settings),
          configured_(configured),
          probe_(widened_for_probing(configured, settings)),
          progress_(progress),
          cancel_(std::move(cancel)),
          started_(Clock::now()),
          deadline_(started_ + settings.time_budget)
    {
    }

    SeatStops run()
    {
        report_progress(1);
        const DeviceStatus before = status();
        if (before.faults.any()) {
            // Left from before calibration: clearing it is the technician's
            // reason to be here, not a stall of ours.
            clear_faults();
        }
        const std::uint16_t homed = home();
        report_progress(2);
        stops_.lower_mm = find_edge(homed, -1);
        found_lower_ = true;
        report_progress(3);
        stops_.upper_mm = find_edge(stops_.lower_mm, +1);
        found_upper_ = true;
        report_progress(4);
        // Parked mid-travel, where the technician sits for the eye-line map.
        reach(static_cast<std::uint16_t>(stops_.lower_mm + (stops_.upper_mm - stops_.lower_mm) / 2));
        return stops_;
    }

    std::vector<Figure> figures() const
    {
        std::vector<Figure> f;
        if (found_lower_) {
            f.push_back({"lower_stop_mm", double(stops_.lower_mm), {}, "", "mm"});
            f.push_back({"lower_stop_vs_config_mm", double(stops_.lower_mm - configured_.min_mm), {}, "", "mm"});
        }
        if (found_upper_) {
            f.push_back({"upper_stop_mm", double(stops_.upper_mm), {}, "", "mm"});
            f.push_back({"upper_stop_vs_config_mm", double(stops_.upper_mm - configured_.max_mm), {}, "", "mm"});
            f.push_back({"travel_mm", double(stops_.upper_mm - stops_.lower_mm), double(settings_.min_travel_mm),
                         ">=", "mm"});
        }
        f.push_back({"stalls", double(stalls_), double(settings_.max_stall_recoveries), "<=", ""});
        f.push_back({"moves", double(moves_), {}, "", ""});
        f.push_back({"duration_ms",
                     double(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count()),
                     double(settings_.time_budget.count()), "<=", "ms"});
        return f;
    }

    int stalls() const { return stalls_; }

private:
    void report_progress(int step) const
    {
        if (progress_)
            progress_(ProcedureProgress{"seat", step, 4, figures()});
    }

    // Checked before every move and homing, and on every turn of a wait.
    void keep_going() const
    {
        if (cancel_.stop_requested())
            throw Stopped{Outcome::Error, "calibration.advice.cancelled", "cancelled"};
        if (Clock::now() > deadline_)
            throw Stopped{Outcome::Fail, "calibration.seat.too_slow",
                          "the seat procedure ran past its " + std::to_string(settings_.time_budget.count()) +
                              " ms budget; the seat may be moving too slowly"};
    }

    DeviceStatus status()
    {
        const auto s = controller_.read_status().get();
        if (!s)
            throw Stopped{Outcome::Error, "calibration.seat.no_board",
                          "the light/seat board does not answer (" + controller_.state_message() + ")"};
        if (s->faults.over_temperature)
            throw Stopped{Outcome::Fail, "calibration.seat.over_temperature",
                          "the seat motor reports over-temperature at " + mm(s->seat_mm)};
        return *s;
    }

    void expect_done(CommandOutcome outcome, const std::string& what)
    {
        if (outcome == CommandOutcome::Done)
            return;
        throw Stopped{Outcome::Error, "calibration.seat.no_board",
                      what + ": " + std::string(lightseat::to_string(outcome)) + " (" + controller_.state_message() +
                          ")"};
    }

    void clear_faults()
    {
        expect_done(controller_.clear_faults().get(), "clearing the seat's faults");
        if (const auto s = status(); s.faults.any())
            throw Stopped{Outcome::Fail, "calibration.seat.fault_stays",
                          "the seat's fault stays after clearing: " + lightseat::describe(s.faults)};
    }

    // Waits until the seat stands still at `target` (or, homing, anywhere
    // homed), stalls, or overruns the move timeout.
    Arrival wait_for_seat(std::optional<std::uint16_t> target)
    {
        const auto give_up = Clock::now() + settings_.move_timeout;
        for (;;) {
            keep_going();
            const DeviceStatus s = status();
            if (s.faults.motor_stall)
                return Arrival::Stalled;
            if (s.motion == SeatMotion::Idle && (!target || s.seat_mm == *target))
                return Arrival::Reached;
            if (Clock::now() > give_up)
                throw Stopped{Outcome::Fail, "calibration.seat.stuck",
                              "the seat did not get " + (target ? "to " + mm(*target) : std::string("home")) +
                                  " within " + std::to_string(settings_.move_timeout.count()) + " ms (at " +
                                  mm(s.seat_mm) + ")"};
            std::this_thread::sleep_for(settings_.poll_interval);
        }
    }

    // A refused seat command: refused for the target, or because a stall
    // latched since the last status read.
    Arrival after_refusal(const std::string& what)
    {
        const DeviceStatus s = status();
        if (s.faults.motor_stall)
            return Arrival::Stalled;
        if (s.motion == SeatMotion::NotHomed)
            throw Stopped{Outcome::Error, "calibration.seat.stuck", what + " refused: the seat lost its homing"};
        return Arrival::Refused;
    }

    // Rests the stalled motor, clears the fault and counts it; too many
    // stalls end the run instead of driving a blocked motor again.
    void clear_stall()
    {
        ++stalls_;
        const std::uint16_t at = controller_.read_status().get().value_or(DeviceStatus{}).seat_mm;
        spdlog::warn("seat calibration: motor stall {} at {} mm", stalls_, at);
        if (stalls_ > settings_.max_stall_recoveries)
            throw Stopped{Outcome::Fail, "calibration.seat.obstructed",
                          "the seat motor stalled " + std::to_string(stalls_) + " times, the last at " + mm(at) +
                              "; something is blocking the seat"};
        rest();
        keep_going();
        clear_faults();
    }

    // The stalled motor's rest, cut into polls so a cancel is not kept waiting.
    void rest() const
    {
        const auto until = Clock::now() + settings_.stall_rest;
        while (Clock::now() < until && !cancel_.stop_requested())
            std::this_thread::sleep_for(std::min<Clock::duration>(settings_.poll_interval, until - Clock::now()));
    }

    std::uint16_t home()
    {
        for (;;) {
            keep_going();
            ++moves_;
            const CommandOutcome outcome = controller_.home_seat().get();
            Arrival arrival = Arrival::Refused;
            if (outcome == CommandOutcome::Rejected)
                arrival = after_refusal("homing");
            else {
                expect_done(outcome, "homing the seat");
                arrival = wait_for_seat(std::nullopt);
            }
            if (arrival == Arrival::Reached)
                return status().seat_mm;
            if (arrival == Arrival::Refused)
                throw Stopped{Outcome::Error, "calibration.seat.stuck", "the board refused to home the seat"};
            clear_stall();
        }
    }

    Arrival try_move(std::uint16_t target)
    {
        keep_going();
        ++moves_;
        const CommandOutcome outcome = controller_.move_seat(target).get();
        if (outcome == CommandOutcome::Rejected)
            return after_refusal("a move to " + mm(target));
        if (outcome == CommandOutcome::OutOfRange)
            throw Stopped{Outcome::Error, "calibration.seat.no_board",
                          "the host refused " + mm(target) + ": its seat travel is not widened for calibration"};
        expect_done(outcome, "moving the seat to " + mm(target));
        return wait_for_seat(target);
    }

    // True when the seat got to `target`, false when the board refused it.
    bool reach(std::uint16_t target)
    {
        for (;;) {
            const Arrival arrival = try_move(target);
            if (arrival != Arrival::Stalled)
                return arrival == Arrival::Reached;
            clear_stall();
            home();
        }
    }

    // The last target the seat reaches going from `from` (reachable) in
    // `direction`: first the configured stop, then probe steps out to the
    // probe margin, then halving between the last reached and first refused.
    std::uint16_t find_edge(std::uint16_t from, int direction)
    {
        const int configured = direction > 0 ? configured_.max_mm : configured_.min_mm;
        const int bound = direction > 0 ? probe_.max_mm : probe_.min_mm;
        const auto beyond = [direction](int a, int b) { return (a - b) * direction > 0; };
        std::vector<int> targets;
        if (beyond(configured, from))
            targets.push_back(configured);
        for (int t = configured + direction * settings_.probe_step_mm; beyond(bound, t);
             t += direction * settings_.probe_step_mm)
            if (beyond(t, from))
                targets.push_back(t);
        if (beyond(bound, from))
            targets.push_back(bound);

        int reached = from;
        std::optional<int> refused;
        for (const int t : targets) {
            if (!reach(static_cast<std::uint16_t>(t))) {
                refused = t;
                break;
            }
            reached = t;
        }
        if (!refused)
            throw Stopped{Outcome::Fail, "calibration.seat.stop_not_found",
                          "the seat reached " + mm(reached) + ", " + std::to_string(settings_.probe_margin_mm) +
                              " mm beyond the configured " + (direction > 0 ? "upper" : "lower") +
                              " stop, without meeting the board's end stop"};
        while (std::abs(*refused - reached) > 1) {
            const int middle = reached + (*refused - reached) / 2;
            if (reach(static_cast<std::uint16_t>(middle)))
                reached = middle;
            else
                refused = middle;
        }
        return static_cast<std::uint16_t>(reached);
    }

    lightseat::LightSeatController& controller_;
    const SeatCalibrationSettings& settings_;
    const lightseat::SeatTravel configured_;
    const lightseat::SeatTravel probe_;
    const SeatCalibration::ProgressHandler& progress_;
    const std::stop_token cancel_;
    const Clock::time_point started_;
    const Clock::time_point deadline_;
    SeatStops stops_;
    bool found_lower_ = false;
    bool found_upper_ = false;
    int stalls_ = 0;
    int moves_ = 0;
};

} // namespace

SeatCalibration::SeatCalibration(lightseat::LightSeatController& controller, SeatCalibrationSettings settings,
                                 lightseat::SeatTravel configured)
    : controller_(controller), settings_(settings), configured_(configured)
{
}

ProcedureReport SeatCalibration::find_stops(const ProgressHandler& progress, std::stop_token cancel)
{
    stops_.reset();
    StopFinder finder(controller_, settings_, configured_, progress, std::move(cancel));
    ProcedureReport report;
    report.procedure = "seat";
    try {
        const SeatStops found = finder.run();
        report.figures = finder.figures();
        const int travel = found.upper_mm - found.lower_mm;
        report.detail = "lower stop " + mm(found.lower_mm) + " (configured " + mm(configured_.min_mm) +
                        "), upper stop " + mm(found.upper_mm) + " (configured " + mm(configured_.max_mm) + ")";
        if (finder.stalls() > 0)
            report.detail += ", " + std::to_string(finder.stalls()) + " stall(s) cleared on the way";
        if (travel < settings_.min_travel_mm) {
            report.outcome = Outcome::Fail;
            report.advice_key = "calibration.seat.travel_short";
            report.detail += "; " + mm(travel) + " of travel is less than " + mm(settings_.min_travel_mm);
            return report;
        }
        report.outcome = Outcome::Pass;
        const bool as_configured = found.lower_mm == configured_.min_mm && found.upper_mm == configured_.max_mm;
        report.advice_key = as_configured ? "calibration.seat.done" : "calibration.seat.stops_differ";
        stops_ = found;
    } catch (const Stopped& stopped) {
        report.outcome = stopped.outcome;
        report.advice_key = stopped.advice_key;
        report.detail = stopped.detail;
        report.figures = finder.figures();
    }
    return report;
}

} // namespace kiosk::calibration
