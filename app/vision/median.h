#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace kiosk::vision {

// The upper median of `v` (0 when empty): robust fits take it as their scale,
// so one stray sample does not move it.
inline double median_of(std::vector<double> v)
{
    if (v.empty())
        return 0;
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

} // namespace kiosk::vision
