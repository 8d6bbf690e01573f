#include "kiosk-ui/image_texture.h"

namespace kiosk::ui {

ImageTexture::~ImageTexture()
{
    clear();
}

void ImageTexture::clear()
{
    if (texture_)
        SDL_DestroyTexture(texture_);
    texture_ = nullptr;
    width_ = height_ = 0;
    has_identity_ = false;
}

bool ImageTexture::show(const cv::Mat& bgr, std::uint64_t identity)
{
    if (has_identity_ && identity == identity_)
        return true;
    if (bgr.empty() || bgr.type() != CV_8UC3)
        return false;
    if (!texture_ || bgr.cols != width_ || bgr.rows != height_) {
        clear();
        // BGR24 is OpenCV's byte order, so a frame is copied as it is.
        texture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_BGR24, SDL_TEXTUREACCESS_STREAMING, bgr.cols, bgr.rows);
        if (!texture_)
            return false;
        width_ = bgr.cols;
        height_ = bgr.rows;
    }
    if (SDL_UpdateTexture(texture_, nullptr, bgr.data, static_cast<int>(bgr.step[0])) != 0)
        return false;
    identity_ = identity;
    has_identity_ = true;
    ++uploads_;
    return true;
}

} // namespace kiosk::ui
