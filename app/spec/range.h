#pragma once

#include <string>

namespace kiosk::spec {

// A closed interval [min, max] read from config.
struct Range {
    double min = 0;
    double max = 0;

    bool contains(double v) const { return v >= min && v <= max; }
    double mid() const { return (min + max) / 2; }
};

} // namespace kiosk::spec
