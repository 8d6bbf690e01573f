#pragma once

#include <stdexcept>
#include <string>

namespace kiosk {

// A configuration file is missing, unreadable or says something impossible.
// The message names the file and the field so a technician can fix it.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An input the kiosk was handed (an image, a request, a frame) cannot be used.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Another process drives the kiosk's devices (core/devices_lock.h); the
// message names it.
class DevicesInUse : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace kiosk
