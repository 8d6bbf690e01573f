#pragma once

#include <filesystem>

#include <opencv2/core.hpp>

#include "photo/photo_settings.h"

namespace kiosk::photo {

// Reads an image file someone handed the kiosk (JPEG or PNG) into 8-bit BGR.
// The header's dimensions are checked against `limits` before anything is
// decoded, so a small file declaring a gigantic picture is refused without
// allocating it. A truncated or corrupt file is an error, not a picture with
// a grey lower half. A JPEG's EXIF orientation is applied, so the picture
// is the way up (and the way round) its camera meant it. Throws InputError with a message fit to show a
// technician (it never repeats the file's contents).
cv::Mat read_image_file(const std::filesystem::path& file, const InputLimits& limits);

} // namespace kiosk::photo
