#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "vision/assessment.h"

namespace kiosk::photo_check {

// What became of the document photo written for one image.
struct WrittenPhoto {
    std::filesystem::path path;
    bool background_replaced = false;
    std::string background_note;
    int jpeg_quality = 0;
    std::size_t size_bytes = 0;
    bool size_in_range = false;
    std::string size_problem;   // empty when in range
};

enum class Verdict { Pass, Fail, Error };

// The outcome for one image on the command line.
struct ImageReport {
    std::string image;                           // as given on the command line
    std::string spec_id;
    std::optional<std::string> error;            // why the image could not be read or judged
    std::optional<vision::Assessment> assessment;
    std::optional<WrittenPhoto> output;

    // Error when `error` is set; Pass only when every check passes.
    Verdict verdict() const;
};

const char* to_string(Verdict v);

} // namespace kiosk::photo_check
