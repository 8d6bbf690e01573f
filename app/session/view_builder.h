#pragma once

#include "session/session_state.h"
#include "session/view_model.h"

namespace kiosk::session {

// The screen for the session's current state: which texts, buttons, fields,
// guidance and notices the UI draws. Pure: reads the state, changes nothing.
ViewModel build_view(const SessionState& state);

// The fields of the form on screen (the details of the chosen document, or the
// receipt number of a retake), each judged; empty on other steps.
std::vector<FormField> form_fields(const SessionState& state);

// True when every required field holds a valid value and every optional one
// is valid or empty.
bool fields_complete(const std::vector<FormField>& fields);

} // namespace kiosk::session
