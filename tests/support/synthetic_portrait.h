#pragma once

#include <opencv2/core.hpp>

namespace kiosk::test {

// A made-up head-and-shoulders picture with smooth shading (no real person),
// for slip tests that must run where the real-photo set is absent.
cv::Mat synthetic_portrait(int width, int height);

} // namespace kiosk::test
