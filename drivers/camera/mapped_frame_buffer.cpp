#include "camera/mapped_frame_buffer.h"

#include <cerrno>
#include <cstring>
#include <map>
#include <string>

#include <libcamera/framebuffer.h>
#include <sys/mman.h>

#include "camera/camera_error.h"

namespace kiosk::camera {

MappedFrameBuffer::MappedFrameBuffer(const libcamera::FrameBuffer& buffer)
{
    // The extent each dmabuf must be mapped to, so its planes fit.
    std::map<int, std::size_t> extent;
    for (const auto& plane : buffer.planes()) {
        if (plane.offset == libcamera::FrameBuffer::Plane::kInvalidOffset)
            throw CameraError("camera buffer plane has no offset");
        auto& end = extent[plane.fd.get()];
        end = std::max(end, static_cast<std::size_t>(plane.offset) + plane.length);
    }

    std::map<int, std::uint8_t*> base;
    for (const auto& [fd, length] : extent) {
        void* address = mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, 0);
        if (address == MAP_FAILED) {
            const int error = errno;
            for (const Mapping& m : mappings_)
                munmap(m.address, m.length);
            throw CameraError(std::string("cannot map camera buffer: ") + std::strerror(error));
        }
        mappings_.push_back({address, length});
        base[fd] = static_cast<std::uint8_t*>(address);
    }
    for (const auto& plane : buffer.planes())
        planes_.emplace_back(base[plane.fd.get()] + plane.offset, plane.length);
}

MappedFrameBuffer::~MappedFrameBuffer()
{
    for (const Mapping& m : mappings_)
        munmap(m.address, m.length);
}

} // namespace kiosk::camera
