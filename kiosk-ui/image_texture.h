#pragma once

#include <cstdint>
#include <string>

#include <SDL.h>
#include <opencv2/core.hpp>

namespace kiosk::ui {

// A BGR picture (a camera frame, the review photo) as one streaming texture,
// re-uploaded only when the caller says the picture changed: uploading a
// 1280x720 frame costs more than drawing it, so an unchanged frame is never
// sent again.
class ImageTexture {
public:
    explicit ImageTexture(SDL_Renderer* renderer) : renderer_(renderer) {}
    ~ImageTexture();
    ImageTexture(const ImageTexture&) = delete;
    ImageTexture& operator=(const ImageTexture&) = delete;

    // Uploads `bgr` (8-bit, 3 channels) when `identity` differs from the last
    // upload's. Returns false when the picture cannot be shown (wrong type,
    // no texture); the last good picture stays.
    bool show(const cv::Mat& bgr, std::uint64_t identity);
    // Forgets the picture (the review photo of a visit that ended).
    void clear();

    SDL_Texture* texture() const { return texture_; }
    bool empty() const { return texture_ == nullptr; }
    std::uint64_t uploads() const { return uploads_; }

private:
    SDL_Renderer* renderer_;
    SDL_Texture* texture_ = nullptr;
    int width_ = 0, height_ = 0;
    std::uint64_t identity_ = 0;
    bool has_identity_ = false;
    std::uint64_t uploads_ = 0;
};

} // namespace kiosk::ui
