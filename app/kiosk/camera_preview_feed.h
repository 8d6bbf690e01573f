#pragma once

#include "camera/frame_mailbox.h"
#include "session/preview_feed.h"

namespace kiosk::runtime {

// The UI's view of the camera: the mailbox's newest frame, shared rather than
// copied (the frame stays alive while the UI draws it).
class CameraPreviewFeed final : public session::PreviewFeed {
public:
    explicit CameraPreviewFeed(const camera::FrameMailbox& frames) : frames_(frames) {}
    session::PreviewFrame latest() const override;

private:
    const camera::FrameMailbox& frames_;
};

} // namespace kiosk::runtime
