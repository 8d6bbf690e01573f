#pragma once

#include <cstddef>

#include <opencv2/core.hpp>

namespace kiosk::photo {

// The EXIF orientation (1-8) stored in a JPEG's APP1 segment (its bytes after
// the marker and length: "Exif\0\0" then a TIFF block); 1, upright, when the
// segment is not EXIF or carries no valid orientation.
int exif_orientation(const unsigned char* app1, std::size_t size);

// Turns a decoded picture the way its EXIF orientation says it is meant to be
// seen. Phones store some pictures sideways or mirrored and leave the fix to
// the viewer; ignoring the tag would judge, and crop, a mirrored face.
void apply_exif_orientation(cv::Mat& picture, int orientation);

} // namespace kiosk::photo
