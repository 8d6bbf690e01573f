#include "health/prometheus_text.h"

#include <charconv>
#include <cmath>

namespace kiosk::health {

namespace {

// HELP text escapes backslash and newline; label values also escape the
// double quote that would otherwise end them.
std::string escape(const std::string& text, bool label_value)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && label_value)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

std::string number(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    // Shortest text that reads back as the same double.
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string label_set(const Labels& labels, const std::string& le = {})
{
    if (labels.empty() && le.empty())
        return {};
    std::string out = "{";
    for (const auto& [name, value] : labels) {
        if (out.size() > 1)
            out += ',';
        out += name + "=\"" + escape(value, true) + '"';
    }
    if (!le.empty()) {
        if (out.size() > 1)
            out += ',';
        out += "le=\"" + le + '"';
    }
    return out + '}';
}

void render_histogram(std::string& out, const std::string& name, const MetricsRegistry::Series& series)
{
    const Histogram::Snapshot snapshot = series.histogram->snapshot();
    for (std::size_t i = 0; i < snapshot.bounds.size(); ++i)
        out += name + "_bucket" + label_set(series.labels, number(snapshot.bounds[i])) + ' ' +
               std::to_string(snapshot.cumulative[i]) + '\n';
    out += name + "_bucket" + label_set(series.labels, "+Inf") + ' ' + std::to_string(snapshot.count) + '\n';
    out += name + "_sum" + label_set(series.labels) + ' ' + number(snapshot.sum) + '\n';
    out += name + "_count" + label_set(series.labels) + ' ' + std::to_string(snapshot.count) + '\n';
}

} // namespace

std::string render_prometheus_text(const MetricsRegistry& registry)
{
    std::string out;
    for (const MetricsRegistry::Family& family : registry.collect()) {
        out += "# HELP " + family.name + ' ' + escape(family.help, false) + '\n';
        out += "# TYPE " + family.name + ' ' + metric_type_name(family.type) + '\n';
        for (const MetricsRegistry::Series& series : family.series) {
            if (series.histogram)
                render_histogram(out, family.name, series);
            else if (series.counter)
                out += family.name + label_set(series.labels) + ' ' + std::to_string(series.counter->value()) + '\n';
            else if (series.gauge)
                out += family.name + label_set(series.labels) + ' ' + number(series.gauge->value()) + '\n';
        }
    }
    return out;
}

} // namespace kiosk::health
