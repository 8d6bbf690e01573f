#pragma once

#include <cstddef>
#include <filesystem>

namespace kiosk::calibration {

// The "audit_log" section of config/calibration/calibration.json: a kiosk
// lives for years, so the technicians' log is cut into files of at most
// `max_file_bytes` and only the newest `rotated_files_kept` of the cut ones
// stay beside the file being written.
struct AuditLogRotation {
    std::size_t max_file_bytes = 0;
    std::size_t rotated_files_kept = 0;
};

// Reads the "audit_log" section; throws ConfigError naming the field.
AuditLogRotation load_audit_log_rotation(const std::filesystem::path& calibration_json);

} // namespace kiosk::calibration
