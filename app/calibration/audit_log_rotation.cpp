#include "calibration/audit_log_rotation.h"

#include "core/json_fields.h"
#include "core/json_file.h"

namespace kiosk::calibration {

AuditLogRotation load_audit_log_rotation(const std::filesystem::path& calibration_json)
{
    const auto json = load_json_file(calibration_json);
    const JsonFields section = JsonFields(calibration_json.string(), json).child("audit_log");
    AuditLogRotation rotation;
    // Below a few lines per file the log would rotate at nearly every entry.
    rotation.max_file_bytes = static_cast<std::size_t>(section.whole_number("max_file_bytes", 4096, 1 << 30));
    rotation.rotated_files_kept = static_cast<std::size_t>(section.whole_number("rotated_files_kept", 1, 1000));
    return rotation;
}

} // namespace kiosk::calibration
