#pragma once

#include <memory>
#include <vector>

#include "session/commands.h"
#include "session/events.h"
#include "session/session_settings.h"
#include "session/view_model.h"
#include "spec/document_spec.h"

namespace kiosk::session {

struct SessionState;

// One citizen's visit as a state machine: pure logic, no clock, no threads,
// no devices. Every input is an Event; every effect is a Command the runtime
// carries out; every screen is a ViewModel. Driven from one thread.
class Session {
public:
    // `documents` are the specs offered on the choose-document screen, in order.
    // Throws ConfigError when there is no document to offer.
    Session(SessionSettings settings, std::vector<spec::DocumentSpec> documents, SteadyClock::time_point now);
    ~Session();
    Session(Session&&) noexcept;
    Session& operator=(Session&&) noexcept;

    // Applies one event; returns what the machine must do now, in order.
    std::vector<Command> handle(const Event& event);

    // The screen to draw after the last event.
    std::shared_ptr<const ViewModel> view() const;
    Step step() const;

private:
    std::unique_ptr<SessionState> state_;
    std::shared_ptr<const ViewModel> view_;
};

} // namespace kiosk::session
