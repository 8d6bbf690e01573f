#include "reviewing_config.h"

#include <set>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/json_file.h"
#include "core/password_hash.h"
#include "core/text_catalog.h"

namespace kiosk::review {

ReviewingConfig load_reviewing_config(const std::filesystem::path& file)
{
    const auto json = load_json_file(file);
    const JsonFields root(file.string(), json);
    ReviewingConfig config;
    config.locale = root.text("locale");
    if (!TextCatalog::is_known_locale(config.locale))
        root.fail("locale", "must be zh-CN or en");

    const JsonFields password = root.child("password");
    config.min_password_chars = static_cast<std::size_t>(password.positive_int("min_chars"));
    config.max_password_bytes = static_cast<std::size_t>(password.positive_int("max_bytes"));
    if (config.max_password_bytes < config.min_password_chars)
        password.fail("max_bytes", "is smaller than min_chars");
    const KdfCost kdf = read_kdf_cost(password);
    config.kdf_ops_limit = kdf.ops_limit;
    config.kdf_mem_limit_bytes = kdf.mem_limit_bytes;
    // Each check holds kdf_mem_limit_kib while it runs: threads times that is the service's peak.
    config.check_threads = static_cast<std::size_t>(password.positive_int("check_threads"));
    config.max_waiting_checks = static_cast<std::size_t>(password.positive_int("max_waiting_checks"));

    config.session_lifetime = std::chrono::seconds(root.child("sessions").positive_int("lifetime_s"));
    const JsonFields lockout = root.child("lockout");
    config.max_failed_logins = lockout.positive_int("max_failed_logins");
    config.lock_duration = std::chrono::seconds(lockout.positive_int("lock_s"));

    const JsonFields queue = root.child("queue");
    config.default_page = queue.positive_int("default_page");
    config.max_page = queue.positive_int("max_page");
    if (config.default_page > config.max_page)
        queue.fail("default_page", "is larger than max_page");

    const JsonFields limits = root.child("limits");
    config.max_form_bytes = static_cast<std::size_t>(limits.positive_int("max_form_bytes"));
    config.max_name_chars = static_cast<std::size_t>(limits.positive_int("max_name_chars"));

    const auto& reasons = root.require("reject_reasons");
    if (!reasons.is_array() || reasons.empty())
        root.fail("reject_reasons", "must be a non-empty list of codes");
    std::set<std::string> seen;
    for (const auto& reason : reasons) {
        // Codes go into URLs, form values and catalog keys: keep them plain.
        if (!reason.is_string() || reason.get<std::string>().empty() ||
            reason.get<std::string>().find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
            root.fail("reject_reasons", "codes must be non-empty text of a-z, 0-9 and '_'");
        if (!seen.insert(reason.get<std::string>()).second)
            root.fail("reject_reasons", "lists \"" + reason.get<std::string>() + "\" twice");
        config.reject_reasons.push_back(reason.get<std::string>());
    }

    const JsonFields applicant = root.child("applicant");
    config.applicant.max_name_chars = static_cast<std::size_t>(applicant.positive_int("max_name_chars"));
    config.applicant.max_phone_digits = static_cast<std::size_t>(applicant.positive_int("max_phone_digits"));
    return config;
}

void require_review_texts(const ReviewingConfig& config, const TextCatalog& text)
{
    std::vector<std::string> keys = {"review.status.pending", "review.status.approved", "review.status.rejected"};
    for (const auto& code : config.reject_reasons)
        keys.push_back("review.reason." + code);
    for (const auto& key : keys) {
        if (!text.has(key))
            throw ConfigError("text catalog " + text.locale() + " has no \"" + key + "\"");
    }
}

} // namespace kiosk::review
