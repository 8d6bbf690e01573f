#include "camera/replay_footage.h"

#include "camera/image_folder_footage.h"
#include "camera/video_file_footage.h"
#include "core/error.h"

namespace kiosk::camera {

std::unique_ptr<ReplayFootage> ReplayFootage::open(const std::filesystem::path& path, double image_hold_seconds)
{
    const bool one_image = std::filesystem::is_regular_file(path) && ImageFolderFootage::is_image_name(path);
    if (std::filesystem::is_directory(path) || one_image)
        return std::make_unique<ImageFolderFootage>(path, image_hold_seconds);
    if (std::filesystem::is_regular_file(path))
        return std::make_unique<VideoFileFootage>(path);
    throw InputError("replay footage " + path.string() + " is neither an image, a folder of images nor a video file");
}

} // namespace kiosk::camera
