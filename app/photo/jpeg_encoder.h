#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "photo/photo_settings.h"
#include "spec/document_spec.h"

namespace kiosk::photo {

struct EncodedJpeg {
    std::vector<unsigned char> bytes;
    int quality = 0;
    // False when no quality the document allows gives a file inside its size
    // range; `bytes` is then the closest one and `problem` says why.
    bool size_in_range = false;
    std::string problem;
};

// The byte range a spec's size_kb allows. Documents say "KB" without saying
// whether it is 1000 or 1024 bytes, so the range is the part both readings
// accept: from min * 1024 up to max * 1000.
struct ByteRange {
    std::size_t min = 0;
    std::size_t max = 0;
};
ByteRange allowed_bytes(const spec::JpegRule& rule);

// One baseline JPEG of an 8-bit BGR picture at a fixed quality, with a JFIF
// header giving `dpi` in dots per inch and no other metadata (no EXIF, no
// comment). Throws InputError when the picture is not 8-bit BGR.
std::vector<unsigned char> encode_jpeg_at(cv::InputArray bgr, int quality, int dpi, const JpegSettings& settings);

// The document's file: the highest quality at or above spec.jpeg.quality_min
// whose file fits the spec's size range (binary search on quality). The
// picture must already have the spec's pixel size.
EncodedJpeg encode_jpeg(cv::InputArray bgr, const spec::DocumentSpec& spec, const JpegSettings& settings);

} // namespace kiosk::photo
