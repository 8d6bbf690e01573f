// photo-check: judges portraits against a document photo spec.
// Usage: photo-check --spec ID [--jsonl] [--out DIR] [--locale zh-CN|en] IMAGE...
// Exit status: 0 every image read and judged, 1 some image could not be,
// 2 usage or configuration error (nothing judged).
#include <exception>
#include <iostream>

#include <spdlog/spdlog.h>

#include "core/logging.h"
#include "core/paths.h"
#include "core/text_catalog.h"
#include "image_checker.h"
#include "options.h"
#include "photo/photo_settings.h"
#include "report_json.h"
#include "report_table.h"
#include "spec/document_spec.h"
#include "vision/assessor.h"
#include "vision/models.h"

using namespace kiosk;

int main(int argc, char** argv)
{
    const auto parsed = photo_check::parse_options(argc, argv);
    if (const int* stop = std::get_if<int>(&parsed))
        return *stop;
    const auto& options = std::get<photo_check::Options>(parsed);
    setup_logging("photo-check", options.log_level);

    try {
        const auto config = config_dir();
        const spec::DocumentSpec spec = spec::load_spec(config / "specs", options.spec_id);
        const photo::PhotoSettings settings = photo::load_photo_settings(config);
        const TextCatalog text = TextCatalog::load(config / "text", options.locale);
        const vision::Models models;
        const vision::Assessor assessor(models, spec);
        photo_check::ImageChecker checker(assessor, settings, options.out_dir);

        int unreadable = 0;
        for (std::size_t i = 0; i < options.images.size(); ++i) {
            const photo_check::ImageReport report = checker.check(options.images[i]);
            const bool error = report.verdict() == photo_check::Verdict::Error;
            unreadable += error;
            // Logs name images by position only: file names can carry a citizen's name.
            spdlog::info("image {}/{}: {}", i + 1, options.images.size(), photo_check::to_string(report.verdict()));
            if (options.jsonl)
                std::cout << photo_check::to_json(report).dump(-1, ' ', false,
                                                               nlohmann::ordered_json::error_handler_t::replace)
                          << std::endl;
            else
                photo_check::print_table(std::cout, report, text);
        }
        return unreadable ? photo_check::kExitSomeImageUnreadable : photo_check::kExitAllJudged;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return photo_check::kExitUsage;
    }
}
