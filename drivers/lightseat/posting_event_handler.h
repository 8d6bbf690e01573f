#pragma once

#include <memory>
#include <utility>

#include <boost/asio/post.hpp>

#include "lightseat/lightseat_controller.h"

namespace kiosk::lightseat {

// Wraps `handler` so that each controller event runs on `executor` (an
// io_context's, or a strand's when several threads run the context) instead
// of on the driver's thread: USB work stays on the driver's thread and the
// kiosk reacts on its io_context thread, where a slow reaction cannot hold
// up a transfer and a reaction may call stop(). Events keep their order. The
// driver must be stopped before the executor's context goes.
template <typename Executor>
ControllerEventHandler post_events_to(Executor executor, ControllerEventHandler handler)
{
    auto shared = std::make_shared<const ControllerEventHandler>(std::move(handler));
    return [executor = std::move(executor), shared = std::move(shared)](const ControllerEvent& event) {
        boost::asio::post(executor, [shared, event] { (*shared)(event); });
    };
}

} // namespace kiosk::lightseat
