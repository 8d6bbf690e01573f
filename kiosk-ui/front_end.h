#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "core/latency_window.h"
#include "session/events.h"
#include "session/preview_feed.h"
#include "session/view_model.h"

namespace kiosk::ui {

enum class Layout { Portrait /* 1080x1920 */, Landscape /* 1920x1080 */ };

struct FrontEndOptions {
    Layout layout = Layout::Portrait;
    bool fullscreen = true;
    std::filesystem::path config_dir; // text catalogs, fonts config, layout metrics
    // When set, a PNG of each new screen is saved here (test artefacts).
    std::optional<std::filesystem::path> screenshot_dir;
};

// The citizen's screen: draws the newest ViewModel and the newest preview
// frame at display rate on the thread that calls run() (SDL's main thread),
// and turns touches and clicks into session events. It never blocks on the
// session, the camera or the vision worker, and never calls a driver.
// How old the picture and the guidance were when a frame showing them reached
// the screen, over the newest frames drawn with a pose guide.
struct FrameLatency {
    LatencySummary guidance; // present time - PoseGuide::frame_time
    LatencySummary preview;  // present time - PreviewFrame::captured
};

class FrontEnd {
public:
    using ViewSource = std::function<std::shared_ptr<const session::ViewModel>()>;
    using EventSink = std::function<void(session::Event)>;

    FrontEnd(FrontEndOptions options, const session::PreviewFeed& preview, ViewSource view, EventSink post);
    ~FrontEnd();

    // Opens the window and runs until quit() is called from any thread.
    // Throws std::runtime_error (with SDL's reason) when no display can be opened.
    void run();
    void quit();

    // Safe from any thread, during and after run().
    FrameLatency latency() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kiosk::ui
