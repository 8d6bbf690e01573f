#include "options.h"

#include <iostream>

#include <CLI/CLI.hpp>

namespace kiosk::photo_check {

std::variant<Options, int> parse_options(int argc, char** argv)
{
    Options o;
    CLI::App app{"Judges portraits against a document photo spec and, with --out, writes the document's "
                 "photo for each one that can be cropped."};
    app.footer("Exit status: 0 every image was read and judged; 1 some image could not be (its line says why, "
               "the others are still judged); 2 usage or configuration error, nothing judged.");
    app.add_option("--spec", o.spec_id, "document spec id (a file name in config/specs, e.g. exit-entry)")
        ->required();
    app.add_flag("--jsonl", o.jsonl, "print one JSON object per image and nothing else on stdout");
    app.add_option("--out", o.out_dir, "folder for the document photos, <stem>.<spec>.jpg (created if missing)");
    app.add_option("--locale", o.locale, "language of the advice in the table")
        ->check(CLI::IsMember({"zh-CN", "en"}))
        ->capture_default_str();
    app.add_option("--log-level", o.log_level, "stderr log level")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    app.add_option("IMAGE", o.images, "JPEG or PNG portraits")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int shown = app.exit(e, std::cout, std::cerr);
        return e.get_exit_code() == 0 ? shown : kExitUsage;
    }
    if (o.out_dir && std::filesystem::exists(*o.out_dir) && !std::filesystem::is_directory(*o.out_dir)) {
        std::cerr << "--out " << o.out_dir->string() << " exists and is not a folder\n";
        return kExitUsage;
    }
    return o;
}

} // namespace kiosk::photo_check
