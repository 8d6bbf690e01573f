#include "camera/image_folder_footage.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <spdlog/spdlog.h>

#include "core/error.h"

namespace kiosk::camera {

bool ImageFolderFootage::is_image_name(const std::filesystem::path& file)
{
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp";
}

ImageFolderFootage::ImageFolderFootage(const std::filesystem::path& path, double hold_seconds)
    : hold_seconds_(hold_seconds)
{
    if (!(hold_seconds > 0))
        throw InputError("replay image hold time must be positive");
    if (!std::filesystem::is_directory(path)) {
        files_.push_back(path);
        unreadable_.assign(1, false);
        shown_ = cv::imread(path.string(), cv::IMREAD_COLOR);
        if (shown_.empty())
            throw InputError("replay image " + path.string() + " cannot be decoded");
        return;
    }
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        if (entry.is_regular_file() && is_image_name(entry.path()))
            files_.push_back(entry.path());
    }
    if (ec)
        throw InputError("cannot list replay folder " + path.string() + ": " + ec.message());
    if (files_.empty())
        throw InputError("replay folder " + path.string() + " holds no .jpg, .jpeg, .png or .bmp image");
    std::sort(files_.begin(), files_.end());
    unreadable_.assign(files_.size(), false);
    show(0);
}

void ImageFolderFootage::show(std::size_t index)
{
    for (std::size_t tried = 0; tried < files_.size(); ++tried) {
        const std::size_t i = (index + tried) % files_.size();
        if (unreadable_[i])
            continue;
        cv::Mat picture = cv::imread(files_[i].string(), cv::IMREAD_COLOR);
        if (!picture.empty()) {
            shown_ = picture;
            shown_index_ = index;
            return;
        }
        // The index, not the name: file names of portraits may be people's names.
        unreadable_[i] = true;
        spdlog::warn("replay: image {} of {} cannot be decoded; skipping it", i + 1, files_.size());
    }
    throw InputError("none of the " + std::to_string(files_.size()) + " images in the replay folder can be decoded");
}

cv::Mat ImageFolderFootage::picture_at(double seconds)
{
    const auto index = static_cast<std::size_t>(std::floor(std::max(0.0, seconds) / hold_seconds_)) % files_.size();
    if (index != shown_index_)
        show(index);
    return shown_;
}

} // namespace kiosk::camera
