#include "fleet_report.h"

#include <algorithm>
#include <cmath>

#include "core/utf8.h"

namespace kiosk::ctl {

namespace {

const std::string unknown = "-";

// Columns a terminal gives the text: East Asian wide characters take two.
std::size_t display_width(const std::string& text)
{
    std::vector<char32_t> code_points;
    if (!decode_utf8(text, code_points))
        return text.size();
    std::size_t width = 0;
    for (char32_t c : code_points) {
        const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                          (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                          (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                          (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

std::string duration_text(double seconds)
{
    const long s = std::lround(std::max(0.0, seconds));
    if (s < 120)
        return std::to_string(s) + " s";
    if (s < 120 * 60)
        return std::to_string(s / 60) + " min";
    if (s < 48 * 3600)
        return std::to_string(s / 3600) + " h";
    return std::to_string(s / 86400) + " d";
}

std::string count_text(double value)
{
    return std::to_string(std::llround(value));
}

std::string ready_text(const KioskStatus& status)
{
    switch (status.state) {
    case KioskState::Ready: return "yes";
    case KioskState::NotReady: return "no";
    case KioskState::Unreachable: return "unreachable";
    case KioskState::Failed: return "error";
    }
    return unknown;
}

std::string reason_text(const KioskStatus& status)
{
    std::string text;
    for (const auto& [source, reason] : status.reasons)
        text += (text.empty() ? "" : ", ") + source + ": " + reason;
    if (!status.error.empty())
        text += (text.empty() ? "" : "; ") + status.error;
    return text.empty() ? unknown : text;
}

std::string printer_text(const KioskStatus& status)
{
    if (!status.printer_up)
        return unknown;
    std::string text = *status.printer_up ? "up" : "down";
    if (status.paper_out)
        text += *status.paper_out ? ", paper out" : ", paper ok";
    return text;
}

std::string camera_text(const KioskStatus& status)
{
    if (status.camera_fault && *status.camera_fault)
        return "fault";
    if (!status.camera_up)
        return unknown;
    return *status.camera_up ? "up" : "down";
}

std::string controller_text(const KioskStatus& status)
{
    if (!status.controller_up)
        return unknown;
    std::string text = *status.controller_up ? "up" : "down";
    if (status.controller_faults && *status.controller_faults > 0)
        text += " (" + count_text(*status.controller_faults) + " faults)";
    return text;
}

std::string outbox_text(const KioskStatus& status)
{
    if (!status.outbox_pending)
        return unknown;
    std::string text = count_text(*status.outbox_pending);
    if (*status.outbox_pending > 0 && status.outbox_oldest_age_s)
        text += ", oldest " + duration_text(*status.outbox_oldest_age_s);
    return text;
}

std::string last_session_text(const KioskStatus& status, std::chrono::system_clock::time_point now)
{
    if (!status.last_session_end_s)
        return unknown;
    const double now_s = std::chrono::duration<double>(now.time_since_epoch()).count();
    return duration_text(now_s - *status.last_session_end_s) + " ago";
}

template <typename T>
nlohmann::json or_null(const std::optional<T>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

} // namespace

std::string fleet_table(const std::vector<KioskStatus>& statuses, std::chrono::system_clock::time_point now)
{
    std::vector<std::vector<std::string>> rows{
        {"kiosk", "hall", "ready", "reason", "printer", "camera", "controller", "outbox", "last session", "version"}};
    for (const auto& s : statuses)
        rows.push_back({s.name, s.hall, ready_text(s), reason_text(s), printer_text(s), camera_text(s),
                        controller_text(s), outbox_text(s), last_session_text(s, now), s.version.value_or(unknown)});
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], display_width(row[c]));
    std::string table;
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            table += row[c];
            if (c + 1 < row.size())
                table += std::string(widths[c] - display_width(row[c]) + 2, ' ');
        }
        table += '\n';
    }
    return table;
}

nlohmann::json fleet_json(const std::vector<KioskStatus>& statuses)
{
    nlohmann::json kiosks = nlohmann::json::array();
    std::map<std::string, int> counts{{"ready", 0}, {"not_ready", 0}, {"unreachable", 0}, {"error", 0}};
    for (const auto& s : statuses) {
        ++counts[state_name(s.state)];
        kiosks.push_back({
            {"name", s.name},
            {"hall", s.hall},
            {"url", s.url},
            {"state", state_name(s.state)},
            {"ready", or_null(s.ready)},
            {"reasons", s.reasons},
            {"error", s.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.error)},
            {"printer", {{"up", or_null(s.printer_up)}, {"paper_out", or_null(s.paper_out)}}},
            {"camera", {{"up", or_null(s.camera_up)}, {"fault", or_null(s.camera_fault)}}},
            {"controller", {{"up", or_null(s.controller_up)}, {"faults", or_null(s.controller_faults)}}},
            {"outbox", {{"pending", or_null(s.outbox_pending)}, {"oldest_pending_age_s", or_null(s.outbox_oldest_age_s)}}},
            {"last_session_end", or_null(s.last_session_end_s)},
            {"version", or_null(s.version)},
            {"poll_ms", s.took.count()},
        });
    }
    nlohmann::json summary{{"kiosks", statuses.size()}};
    for (const auto& [state, count] : counts)
        summary[state] = count;
    return {{"kiosks", kiosks}, {"summary", summary}, {"outcome", outcome_name(fleet_outcome(statuses))}};
}

} // namespace kiosk::ctl
