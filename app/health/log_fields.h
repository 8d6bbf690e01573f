#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::health {

// Structured fields for the log records this thread makes while the scope
// lives; the journal sink sends them beside MESSAGE, so an operator can
// `journalctl KIOSK_EVENT=visit_abandoned` instead of grepping text:
//
//   const LogFields fields{{"KIOSK_EVENT", "check_failed"}, {"KIOSK_CHECK", id}};
//   spdlog::info("health: a still failed {}", id);
//
// Names are journal field names (A-Z, 0-9, _, not starting with _ or a
// digit); values are codes and ids, never a citizen's name, ID number,
// phone or photo path. Scopes nest; the inner one's fields come last.
class LogFields {
public:
    using Field = std::pair<std::string, std::string>;

    LogFields(std::initializer_list<Field> fields);
    ~LogFields();
    LogFields(const LogFields&) = delete;
    LogFields& operator=(const LogFields&) = delete;

    // The fields of every scope open on this thread, outermost first.
    static const std::vector<Field>& current();

private:
    std::size_t added_;
};

} // namespace kiosk::health
