#include "camera/libcamera_manager.h"

#include <cstring>
#include <condition_variable>
#include <mutex>

#include <libcamera/camera.h>
#include <libcamera/camera_manager.h>
#include <libcamera/property_ids.h>

#include "camera/camera_error.h"

namespace kiosk::camera {

namespace {

// The one manager, and whether it still exists: the last user's release may
// still be destroying it while someone asks for a new one.
struct ManagerSlot {
    std::mutex mutex;
    std::condition_variable destroyed;
    std::weak_ptr<libcamera::CameraManager> shared;
    bool exists = false;
};

ManagerSlot& manager_slot()
{
    static ManagerSlot slot;
    return slot;
}

} // namespace

std::shared_ptr<libcamera::CameraManager> shared_camera_manager()
{
    ManagerSlot& slot = manager_slot();
    std::unique_lock lock(slot.mutex);
    if (auto existing = slot.shared.lock())
        return existing;
    slot.destroyed.wait(lock, [&] { return !slot.exists; });

    auto created = std::make_unique<libcamera::CameraManager>();
    if (const int error = created->start(); error < 0)
        throw CameraError(std::string("libcamera cannot start: ") + std::strerror(-error));
    // Stopped explicitly so its thread ends before the object goes.
    std::shared_ptr<libcamera::CameraManager> manager(created.release(), [](libcamera::CameraManager* m) {
        m->stop();
        delete m;
        ManagerSlot& s = manager_slot();
        {
            std::lock_guard released(s.mutex);
            s.exists = false;
        }
        s.destroyed.notify_all();
    });
    slot.exists = true;
    slot.shared = manager;
    return manager;
}

std::vector<CameraInfo> list_cameras()
{
    const auto manager = shared_camera_manager();
    std::vector<CameraInfo> found;
    for (const auto& camera : manager->cameras()) {
        CameraInfo info{camera->id(), ""};
        if (const auto model = camera->properties().get(libcamera::properties::Model))
            info.model = *model;
        found.push_back(std::move(info));
    }
    return found;
}

} // namespace kiosk::camera
