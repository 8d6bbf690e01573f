#pragma once

// Drives a Session through events only, with a clock the test advances, and
// builds the live assessments a camera and the engine would send.

#include <chrono>
#include <string>
#include <vector>

#include "core/paths.h"
#include "receipt/receipt_number.h"
#include "session/session.h"
#include "spec/crop_plan.h"
#include "spec/document_spec.h"
#include "vision/check_ids.h"

namespace kiosk::session::testing {

using namespace std::chrono_literals;

inline const cv::Size kFrame{1280, 720};

// A face in the middle of a 1280x720 frame, `eye_y` pixels from the top, with
// every check passing unless the test says otherwise.
inline vision::Assessment passing_assessment(const spec::DocumentSpec& spec, double eye_y = 300)
{
    vision::Assessment a;
    a.spec_id = spec.id;
    a.image_size = kFrame;
    a.faces_found = 1;
    vision::Face face;
    face.box = cv::Rect(540, static_cast<int>(eye_y) - 100, 200, 240);
    face.eye_right = cv::Point2f(595.f, static_cast<float>(eye_y));
    face.eye_left = cv::Point2f(685.f, static_cast<float>(eye_y));
    a.face = face;
    spec::HeadMeasurements head;
    head.eye_right = face.eye_right;
    head.eye_left = face.eye_left;
    head.chin = cv::Point2d(640, eye_y + 125);
    head.crown_y = eye_y - 135;
    head.face_width = 190;
    a.crop = spec::plan_crop(spec, head, kFrame);
    for (const auto id : vision::check_id::all) {
        vision::CheckResult check;
        check.id = std::string(id);
        check.status = vision::CheckStatus::Pass;
        check.value = 1.0;
        a.checks.push_back(check);
    }
    return a;
}

inline void set_check(vision::Assessment& a, std::string_view id, vision::CheckStatus status, std::string advice,
                      double value = 2.0)
{
    for (auto& check : a.checks)
        if (check.id == id) {
            check.status = status;
            check.advice = std::move(advice);
            check.value = value;
        }
}

template <typename T>
bool contains(const std::vector<Command>& commands)
{
    for (const auto& c : commands)
        if (std::holds_alternative<T>(c))
            return true;
    return false;
}

template <typename T>
const T* find(const std::vector<Command>& commands)
{
    for (const auto& c : commands)
        if (const auto* t = std::get_if<T>(&c))
            return t;
    return nullptr;
}

// Valid details for the tests (a made-up person; the ID number's check
// character is right).
inline constexpr const char* kName = "王小明";
inline constexpr const char* kIdNumber = "11010519491231002X";
inline constexpr const char* kPhone = "13800138000";
inline std::string valid_receipt_number()
{
    using namespace std::chrono;
    return receipt::ReceiptNumber::issue("GZ001", year{2026} / 11 / 25, 42).str();
}

class VisitDriver {
public:
    explicit VisitDriver(SessionSettings settings = SessionSettings::load(config_dir()),
                         std::vector<spec::DocumentSpec> specs = spec::load_all_specs(config_dir() / "specs"))
        : settings_(settings),
          specs_(std::move(specs)),
          now_(SteadyClock::time_point{} + 1000s),
          session_(std::move(settings), specs_, now_)
    {
    }

    std::vector<Command> send(const Event& event)
    {
        auto commands = session_.handle(event);
        all_.insert(all_.end(), commands.begin(), commands.end());
        return commands;
    }
    std::vector<Command> touch(Action action) { return send(ActionTouched{action}); }
    std::vector<Command> tick(std::chrono::milliseconds advance)
    {
        now_ += advance;
        return send(Tick{now_});
    }
    // Ticks in steps of `step` until `total` has passed; returns every command.
    std::vector<Command> wait(std::chrono::milliseconds total, std::chrono::milliseconds step = 100ms)
    {
        std::vector<Command> commands;
        for (auto t = 0ms; t < total; t += step) {
            auto c = tick(step);
            commands.insert(commands.end(), c.begin(), c.end());
        }
        return commands;
    }
    std::vector<Command> live(const vision::Assessment& a)
    {
        return send(LiveAssessment{std::make_shared<const vision::Assessment>(a), now_, ++sequence_});
    }

    const spec::DocumentSpec& spec(const std::string& id) const
    {
        for (const auto& s : specs_)
            if (s.id == id)
                return s;
        throw std::runtime_error("no spec " + id);
    }

    // From attract to the pose step for `spec_id`, typing valid details.
    void walk_to_pose(const std::string& spec_id = "resident-id")
    {
        touch(Action::Start);
        send(DocumentChosen{spec_id});
        send(FieldEdited{Field::Name, kName});
        send(FieldEdited{Field::IdNumber, kIdNumber});
        send(FieldEdited{Field::Phone, kPhone});
        touch(Action::Next);
    }

    // Passing frames every 100 ms until the countdown ends and the still is asked for.
    std::vector<Command> hold_until_capture(const std::string& spec_id = "resident-id")
    {
        std::vector<Command> commands;
        for (int i = 0; i < 100 && session_.step() != Step::Capturing; ++i) {
            auto c = tick(100ms);
            commands.insert(commands.end(), c.begin(), c.end());
            c = live(passing_assessment(spec(spec_id)));
            commands.insert(commands.end(), c.begin(), c.end());
        }
        return commands;
    }

    static std::shared_ptr<const AcceptedPhoto> photo(const std::string& spec_id = "resident-id")
    {
        auto p = std::make_shared<AcceptedPhoto>();
        p->spec_id = spec_id;
        p->jpeg = std::string("\xFF\xD8") + " document photo " + "\xFF\xD9";
        p->preview = cv::Mat(441, 358, CV_8UC3, cv::Scalar(250, 250, 250));
        // A mark on the picture's left, so a mirrored copy would show.
        p->preview(cv::Rect(10, 10, 40, 40)).setTo(cv::Scalar(0, 0, 255));
        return p;
    }

    Session& session() { return session_; }
    const ViewModel& view() const { return *session_.view(); }
    const SessionSettings& settings() const { return settings_; }
    SteadyClock::time_point now() const { return now_; }
    const std::vector<Command>& all_commands() const { return all_; }

private:
    SessionSettings settings_;
    std::vector<spec::DocumentSpec> specs_;
    SteadyClock::time_point now_;
    Session session_;
    std::uint64_t sequence_ = 0;
    std::vector<Command> all_;
};

} // namespace kiosk::session::testing
