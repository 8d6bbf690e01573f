#include "report_json.h"

#include <cmath>
#include <variant>

namespace kiosk::photo_check {
namespace {

// ordered_json keeps the keys in the documented order for people reading the lines.
using json = nlohmann::ordered_json;

// Measurements carry more digits than they are worth; two decimals keep the
// lines short and stable from run to run.
double rounded(double v)
{
    return std::round(v * 100) / 100;
}

json point(const cv::Point2f& p)
{
    return json::array({rounded(p.x), rounded(p.y)});
}

json optional_number(const std::optional<double>& v)
{
    return v ? json(rounded(*v)) : json(nullptr);
}

json value_json(const vision::CheckValue& v)
{
    if (const double* d = std::get_if<double>(&v))
        return std::isfinite(*d) ? json(rounded(*d)) : json(nullptr);
    if (const bool* b = std::get_if<bool>(&v))
        return *b;
    return nullptr;
}

json face_json(const vision::Face& f)
{
    return {{"box", json::array({f.box.x, f.box.y, f.box.width, f.box.height})},
            {"eyes", {{"right", point(f.eye_right)}, {"left", point(f.eye_left)}}},
            {"pose", {{"yaw", rounded(f.pose.yaw)}, {"pitch", rounded(f.pose.pitch)}, {"roll", rounded(f.pose.roll)}}}};
}

json check_json(const vision::CheckResult& c)
{
    return {{"id", c.id},
            {"status", vision::to_string(c.status)},
            {"value", value_json(c.value)},
            {"limit", {{"min", optional_number(c.limit.min)}, {"max", optional_number(c.limit.max)}}},
            // The full catalog key, so a reader can look it up in config/text directly.
            {"advice", c.advice.empty() ? json(nullptr) : json("advice." + c.advice)},
            {"detail", c.detail.empty() ? json(nullptr) : json(c.detail)}};
}

json photo_json(const WrittenPhoto& w)
{
    return {{"background_replaced", w.background_replaced},
            {"background_note", w.background_note},
            {"jpeg_quality", w.jpeg_quality},
            {"size_bytes", w.size_bytes},
            {"size_in_range", w.size_in_range},
            {"size_problem", w.size_problem.empty() ? json(nullptr) : json(w.size_problem)}};
}

} // namespace

json to_json(const ImageReport& r)
{
    json j = {{"image", r.image},
              {"spec", r.spec_id},
              {"verdict", to_string(r.verdict())},
              {"error", r.error ? json(*r.error) : json(nullptr)},
              {"faces", nullptr},
              {"face", nullptr},
              {"checks", json::array()},
              {"output", nullptr},
              {"photo", nullptr}};
    if (r.assessment) {
        j["faces"] = r.assessment->faces_found;
        if (r.assessment->face)
            j["face"] = face_json(*r.assessment->face);
        for (const auto& c : r.assessment->checks)
            j["checks"].push_back(check_json(c));
    }
    if (r.output) {
        j["output"] = r.output->path.string();
        j["photo"] = photo_json(*r.output);
    }
    return j;
}

} // namespace kiosk::photo_check
