#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace libcamera {
class FrameBuffer;
}

namespace kiosk::camera {

// A libcamera FrameBuffer mapped into our memory for reading, for as long as
// this object lives. Planes that share one dmabuf (the common case) are mapped
// once. Mapping at allocation time, not per frame, keeps the request loop
// free of system calls.
class MappedFrameBuffer {
public:
    // Throws CameraError when a plane cannot be mapped.
    explicit MappedFrameBuffer(const libcamera::FrameBuffer& buffer);
    ~MappedFrameBuffer();
    MappedFrameBuffer(const MappedFrameBuffer&) = delete;
    MappedFrameBuffer& operator=(const MappedFrameBuffer&) = delete;

    // Each plane's whole allocated length; trim to the bytes used per frame.
    const std::vector<std::span<const std::uint8_t>>& planes() const { return planes_; }

private:
    struct Mapping {
        void* address;
        std::size_t length;
    };
    std::vector<Mapping> mappings_;
    std::vector<std::span<const std::uint8_t>> planes_;
};

} // namespace kiosk::camera
