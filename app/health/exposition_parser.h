#pragma once

// A reader of the Prometheus text exposition format (0.0.4), written from the
// format's rules rather than from render_prometheus_text, so the health tests
// can tell whether what /metrics serves is what a scraper would understand,
// and kioskctl fleet reads what the kiosks serve the way Prometheus would.
#include <map>
#include <string>
#include <vector>

namespace kiosk::health {

struct ParsedSample {
    std::string name;   // for a histogram, its _bucket/_sum/_count series name
    std::map<std::string, std::string> labels;
    double value = 0.0;
};

struct ParsedFamily {
    std::string help;
    std::string type;   // counter, gauge, histogram, summary or untyped
    std::vector<ParsedSample> samples;
};

class ExpositionParser {
public:
    // Families by name. Throws InputError naming the line for anything a
    // scraper would reject (and the histogram for buckets that do not add up).
    static std::map<std::string, ParsedFamily> parse(const std::string& text);
};

} // namespace kiosk::health
