// What a citizen is told in a booth whose lamps are off, failing or too
// bright. The 66 neutral studio portraits are filmed by the replay camera's
// booth model (config/kiosk/walk-up-camera.json, the citizen seated as the
// walk-up leaves them) with both key lamps and the background lamp at each
// level from off to full, and judged as the kiosk judges them: by the live
// assessor (a few frames, as a seated citizen gives it) and by the still
// assessor. Per level it prints the instruction the session would show
// (session/guidance.h over config/session.json's priority), counted per
// advice key, and the false alarms of the checks that read the face's
// details (Assessor::needs_lit_face): failures labels.csv does not explain
// on these portraits (no glasses, hat, headband or covered ears; one has
// studs and a necklace). A face the exposure check finds too dark or too
// bright is one those checks cannot read: no detail check may fail on it,
// and the instruction must be about the light.
//
// Measured (live; the still path alike): before the detail checks waited for
// the light, every lamp off gave remove_necklace 32, hold_still 19,
// close_mouth 8 and false alarms on 65 of 66 portraits; level 100
// hold_still and remove_necklace on most; level 1000 reduce_shine 36. Now
// levels 0 and 100 tell picture_too_dark to 65 of 66 (139_03, whose head is
// pitched, is told to straighten it first) with no false alarm; level 1000
// tells picture_too_bright to 22. What remains lies inside the exposure
// band: at 200-300 the blur and necklace checks (their bars are absolute
// contrasts) and a backdrop too dark for background_uniform.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "camera/replay_settings.h"
#include "camera/scene_film.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "session/guidance.h"
#include "session/session_settings.h"
#include "spec/document_spec.h"
#include "support/faces.h"
#include "support/photo_set.h"
#include "vision/assessor.h"
#include "vision/check_ids.h"
#include "vision/live_assessor.h"

namespace kiosk {
namespace {

using vision::CheckStatus;

// Lamp levels (per mille, both keys and the background lamp alike); 600 is
// the level config/session.json starts every pose step with.
const std::vector<int> kLevels{0, 100, 200, 300, 450, 600, 800, 1000};
constexpr int kReferenceLevel = 600;
// Frames the live assessor sees per portrait: the first finds the face, the
// ones after run on a settled track.
constexpr int kLiveFrames = 3;

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// Whether labels.csv says the portrait really has what `check` fails on.
bool labelled_for(const test::FaceLabel& l, std::string_view check)
{
    namespace id = vision::check_id;
    const std::string& worn = l.get("accessories");
    if (check == id::earrings)
        return contains(worn, "earring");
    if (check == id::necklace)
        return contains(worn, "necklace");
    if (check == id::glasses || check == id::lens_glare)
        return contains(worn, "glasses");
    if (check == id::head_covering)
        return contains(worn, "hat") || contains(worn, "cap");
    if (check == id::hair_accessory)
        return contains(worn, "headband");
    if (check == id::hair_over_eyebrows)
        return l.get("hair_over_eyebrows") == "yes";
    if (check == id::ears_visible)
        return l.get("ears_visible") == "no";
    if (check == id::eyes_open)
        return l.get("eyes") == "closed";
    if (check == id::mouth_closed)
        return l.get("mouth") == "open";
    if (check == id::expression_neutral)
        return l.get("expression") != "neutral";
    // Shadow, shine, blur and colour: these studio portraits are evenly lit,
    // sharp and true to colour.
    return false;
}

// One judgement of one filmed portrait.
struct Judged {
    std::string instruction;            // "-" when nothing needs fixing
    std::vector<std::string> false_alarms;
    bool light_fails = false;           // the exposure check fails: the face is not judged in detail
    bool pose_fails = false;            // a framing or pose check fails (ranked before every detail check)
    std::vector<std::string> detail_failures;
};

Judged judged(const vision::Assessment& a, const test::FaceLabel& label, const std::vector<std::string>& priority)
{
    Judged j;
    const auto instruction = session::pick_instruction(a, priority);
    j.instruction = instruction ? *instruction : "-";
    const vision::CheckResult* exposure = a.find(vision::check_id::exposure);
    j.light_fails = exposure && exposure->status == CheckStatus::Fail;
    namespace id = vision::check_id;
    for (auto pose : {id::face_count, id::face_size, id::face_centered, id::yaw, id::pitch, id::roll})
        j.pose_fails = j.pose_fails || a.find(pose)->status == CheckStatus::Fail;
    for (const auto& c : a.checks) {
        if (!vision::Assessor::needs_lit_face(c.id) || c.status != CheckStatus::Fail)
            continue;
        j.detail_failures.push_back(c.id);
        if (!labelled_for(label, c.id))
            j.false_alarms.push_back(c.id);
    }
    return j;
}

struct LevelResult {
    std::vector<Judged> live, still;
};

struct Study {
    std::map<int, LevelResult> levels;
    std::vector<std::string> names;   // the portraits, in the order of each level's judgements
    int portraits = 0;
};

const Study& study()
{
    static const Study s = [] {
        Study out;
        const auto faces = *test::faces_dir();
        const auto settings = camera::ReplaySettings::load(config_dir() / "kiosk" / "walk-up-camera.json");
        const camera::BoothModel& booth = *settings.booth;
        const nlohmann::json citizen = load_json_file(config_dir() / "kiosk" / "walk-up-citizen.json");
        const spec::DocumentSpec spec = spec::load_spec(
            config_dir() / "specs", JsonFields("walk-up-citizen.json", citizen).text("document"));
        const auto priority = session::SessionSettings::load(config_dir()).guidance_priority;
        const vision::Models& models = test::shared_models();
        const vision::Assessor still(models, spec);
        const camera::SubjectPose seated = settings.motion.pose_at(60);

        std::map<std::string, test::FaceLabel> labels;
        for (const auto& l : test::load_labels(faces))
            labels.emplace(l.path, l);
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(faces / "frl-london" / "neutral"))
            if (e.path().extension() == ".jpg")
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            const cv::Mat picture = cv::imread(file.string(), cv::IMREAD_COLOR);
            const auto label = labels.find("frl-london/neutral/" + file.filename().string());
            if (picture.empty() || label == labels.end())
                continue;
            ++out.portraits;
            out.names.push_back(file.stem().string());
            const camera::ScenePicture scene = camera::prepare_scene_picture(picture);
            for (int level : kLevels) {
                const camera::BoothState lamps{static_cast<double>(level), static_cast<double>(level),
                                               static_cast<double>(level), booth.seat_reference_mm};
                const cv::Mat frame = camera::film_scene(scene, seated, settings.stream.size,
                                                         camera::BoothView{booth, lamps, settings.sensor.gamma});
                vision::LiveAssessor live(models, spec);
                std::shared_ptr<const vision::Assessment> a;
                for (int i = 0; i < kLiveFrames; ++i)
                    a = live.assess(frame);
                out.levels[level].live.push_back(judged(*a, label->second, priority));
                out.levels[level].still.push_back(judged(still.assess(frame), label->second, priority));
            }
        }
        return out;
    }();
    return s;
}

std::string counted(const std::map<std::string, int>& counts)
{
    std::string text;
    for (const auto& [key, n] : counts)
        text += (text.empty() ? "" : ", ") + key + " " + std::to_string(n);
    return text.empty() ? "-" : text;
}

void print_path(const char* path, const std::vector<Judged>& judgements)
{
    std::map<std::string, int> instructions, alarms;
    int frames_alarmed = 0, light_fails = 0;
    for (const Judged& j : judgements) {
        ++instructions[j.instruction];
        for (const auto& id : j.false_alarms)
            ++alarms[id];
        frames_alarmed += !j.false_alarms.empty();
        light_fails += j.light_fails;
    }
    std::printf("  %-5s exposure fails %2d | instruction: %s\n", path, light_fails, counted(instructions).c_str());
    std::printf("  %-5s false alarms on %2d portraits: %s\n", path, frames_alarmed, counted(alarms).c_str());
}

// The face exposure fails on is not read in detail, and what the citizen
// hears is the light, unless they are to straighten up first: framing and
// pose come before the light by design, and a subject who sits with the head
// pitched (139_03, -12 degrees in the studio) is told so in any light.
std::string told_wrongly(const Judged& j, const Judged& at_reference)
{
    if (!j.detail_failures.empty())
        return j.detail_failures.front() + " fails";
    if (j.instruction == "picture_too_dark" || j.instruction == "picture_too_bright")
        return {};
    if (j.pose_fails && at_reference.pose_fails)
        return {};
    return "told " + j.instruction;
}

TEST(LampLevelGuidance, AFaceTooDarkOrBrightToReadIsToldAboutTheLight)
{
    KIOSK_REQUIRE_FACES(faces);
    const Study& s = study();
    ASSERT_EQ(s.portraits, 66) << "frl-london/neutral should hold 66 labelled portraits";
    std::printf("\n%d neutral portraits in the booth, keys and background lamp at each level; live (%d frames) and "
                "still assessor\n",
                s.portraits, kLiveFrames);
    const LevelResult& reference = s.levels.at(kReferenceLevel);
    int unread = 0;
    std::vector<std::string> wrong;
    for (int level : kLevels) {
        std::printf("level %4d%s\n", level, level == kReferenceLevel ? " (reference)" : "");
        const LevelResult& r = s.levels.at(level);
        print_path("live", r.live);
        print_path("still", r.still);
        for (bool is_live : {true, false}) {
            const auto& path = is_live ? r.live : r.still;
            const auto& path_at_reference = is_live ? reference.live : reference.still;
            for (std::size_t i = 0; i < path.size(); ++i) {
                if (!path[i].light_fails)
                    continue;
                ++unread;
                if (const std::string why = told_wrongly(path[i], path_at_reference[i]); !why.empty())
                    wrong.push_back("level " + std::to_string(level) + (is_live ? " live" : " still") +
                                    " " + s.names[i] + ": " + why);
            }
        }
    }
    std::printf("faces too dark or bright to judge: %d; told anything but the light: %zu\n", unread, wrong.size());
    for (const auto& w : wrong)
        ADD_FAILURE() << w;
    // Every lamp off: the hall's own light alone is too dark for every face.
    for (const auto* path : {&s.levels.at(0).live, &s.levels.at(0).still})
        for (const Judged& j : *path)
            EXPECT_TRUE(j.light_fails);
    // At the level the kiosk lights citizens with the exposure passes on
    // every portrait: the detail checks judge them exactly as before.
    for (const auto* path : {&reference.live, &reference.still})
        for (const Judged& j : *path)
            EXPECT_FALSE(j.light_fails);
}

} // namespace
} // namespace kiosk
