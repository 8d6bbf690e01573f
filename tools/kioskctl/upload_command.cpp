// kioskctl upload: the technician's hands on the outbox of photos waiting for
// the review centre (app/upload).
//   kioskctl upload enqueue --number N --spec ID [--city C] [--assessment FILE] PHOTO|-
//   kioskctl upload drain     send what is due until SIGTERM or Ctrl-C
//   kioskctl upload status    depth, oldest pending age, last error
// Every subcommand works on the outbox named by config/upload/upload.json (or
// --config), so it can run beside the kiosk or in its place after a crash.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>

#include <pthread.h>

#include "command.h"
#include "core/durable_file.h"
#include "core/error.h"
#include "core/json_file.h"
#include "core/paths.h"
#include "receipt/receipt_config.h"
#include "receipt/receipt_number.h"
#include "spec/document_spec.h"
#include "upload/outbox.h"
#include "upload/review_client.h"
#include "upload/upload_config.h"
#include "upload/upload_worker.h"

namespace kiosk::ctl {
namespace {

struct UploadOptions {
    std::string config;       // default: config/upload/upload.json
    std::string number;
    std::string spec;
    std::string city;         // default: the kiosk's city
    std::string assessment;   // a JSON object file; default: no check results
    std::string photo;        // a JPEG file, or "-" for standard input
};

// The outbox and what it needs, built from the options.
struct UploadSetup {
    upload::UploadConfig config;
    upload::KioskSecrets secrets;
    std::unique_ptr<upload::Outbox> outbox;
};

UploadSetup set_up(const UploadOptions& o)
{
    UploadSetup s;
    s.config = upload::load_upload_config(o.config.empty() ? config_dir() / "upload" / "upload.json"
                                                           : std::filesystem::path(o.config));
    s.secrets = upload::load_kiosk_secrets(s.config.secrets_file);
    s.outbox = std::make_unique<upload::Outbox>(s.config.spool_dir, upload::AtRestCipher(s.secrets.at_rest_key),
                                                s.config.backoff, s.config.retention);
    return s;
}

// The photo comes on standard input when the caller would rather not leave a
// copy of it in a file of its own.
std::string read_photo(const std::string& source)
{
    std::string bytes;
    if (source == "-") {
        char chunk[65536];
        std::size_t got = 0;
        while ((got = std::fread(chunk, 1, sizeof chunk, stdin)) > 0)
            bytes.append(chunk, got);
        if (std::ferror(stdin))
            throw InputError("cannot read the photo from standard input");
    } else {
        // The file name is not repeated: it may carry the applicant's name.
        if (!std::filesystem::is_regular_file(source))
            throw InputError("the photo is not a readable file");
        bytes = read_whole_file(source);
    }
    // The service takes JPEG only; anything else would be retried for ever.
    if (bytes.size() < 3 || static_cast<unsigned char>(bytes[0]) != 0xFF ||
        static_cast<unsigned char>(bytes[1]) != 0xD8 || static_cast<unsigned char>(bytes[2]) != 0xFF)
        throw InputError("the photo is not a JPEG");
    return bytes;
}

void enqueue(const UploadOptions& o)
{
    const auto config = config_dir();
    const auto spec_ids = spec::spec_ids(config / "specs");
    if (std::find(spec_ids.begin(), spec_ids.end(), o.spec) == spec_ids.end())
        throw InputError("unknown spec \"" + o.spec + "\"");
    const auto kiosk = receipt::load_kiosk_identity(config);
    const auto city = receipt::load_city_table(config).find(o.city.empty() ? kiosk.default_city : o.city).id;
    const auto number = receipt::ReceiptNumber::parse(o.number);
    nlohmann::json assessment = nlohmann::json::object();
    if (!o.assessment.empty()) {
        assessment = load_json_file(o.assessment);
        if (!assessment.is_object())
            throw InputError("--assessment must hold a JSON object");
    }
    const auto photo = read_photo(o.photo);

    auto s = set_up(o);
    // The service refuses another kiosk's numbers; queued, it would be retried for ever.
    if (number.kiosk_id() != s.secrets.kiosk_id)
        throw InputError("receipt " + number.str() + " was not issued by this kiosk (" + s.secrets.kiosk_id + ")");
    upload::Submission submission;
    submission.receipt_number = number.str();
    submission.spec = o.spec;
    submission.city = city;
    submission.kiosk_id = s.secrets.kiosk_id;
    submission.assessment = assessment;
    submission.photo_jpeg = photo;
    const auto added = s.outbox->add(submission, upload::WallClock::now());
    std::printf("%s %s\n", number.str().c_str(),
                added == upload::Outbox::Added::Queued ? "queued" : "already queued with this photo (left as it was)");
}

void drain(const UploadOptions& o)
{
    auto s = set_up(o);
    // Blocked before the worker thread starts, so it inherits the mask and
    // only sigwait() below sees a stop request.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    upload::UploadWorker worker(*s.outbox,
                                upload::ReviewClient(s.config.service, s.secrets.kiosk_id, s.secrets.signing_key),
                                s.config.housekeeping_interval);
    worker.start();
    std::printf("draining the outbox to %s:%d; stop with SIGTERM or Ctrl-C\n", s.config.service.host.c_str(),
                s.config.service.port);
    std::fflush(stdout);
    int received = 0;
    sigwait(&stop_signals, &received);
    worker.stop();
    const auto status = s.outbox->status(upload::WallClock::now());
    std::printf("stopped: %lld pending, %lld awaiting deletion\n", static_cast<long long>(status.depth),
                static_cast<long long>(status.awaiting_deletion));
}

void status(const UploadOptions& o)
{
    auto s = set_up(o);
    const auto now = upload::WallClock::now();
    const auto st = s.outbox->status(now);
    std::printf("pending %lld\n", static_cast<long long>(st.depth));
    if (st.oldest_pending_age)
        std::printf("oldest pending %lld s\n", static_cast<long long>(st.oldest_pending_age->count()));
    else
        std::printf("oldest pending -\n");
    std::printf("awaiting deletion %lld\n", static_cast<long long>(st.awaiting_deletion));
    if (st.last_error.empty()) {
        std::printf("last error none\n");
    } else {
        const auto ago = st.last_error_at ? std::chrono::duration_cast<std::chrono::seconds>(now - *st.last_error_at)
                                          : std::chrono::seconds(0);
        std::printf("last error %s (%lld s ago)\n", st.last_error.c_str(), static_cast<long long>(ago.count()));
    }
}

} // namespace

void add_upload_command(CLI::App& app)
{
    auto options = std::make_shared<UploadOptions>();
    CLI::App* cmd = app.add_subcommand("upload", "The outbox of photos for the review centre");
    cmd->require_subcommand(1);
    cmd->add_option("--config", options->config, "Upload settings (default: config/upload/upload.json)");

    auto* enqueue_cmd = cmd->add_subcommand("enqueue", "Put a photo in the outbox (sealed on disk)");
    enqueue_cmd->add_option("--number", options->number, "Receipt number issued by this kiosk")->required();
    enqueue_cmd->add_option("--spec", options->spec, "Document spec id, e.g. resident-id")->required();
    enqueue_cmd->add_option("--city", options->city, "City id (default: the kiosk's city)");
    enqueue_cmd->add_option("--assessment", options->assessment, "The kiosk's check results, a JSON object file");
    enqueue_cmd->add_option("photo", options->photo, "The JPEG, or - to read it from standard input")->required();
    enqueue_cmd->callback([options] { enqueue(*options); });
    cmd->add_subcommand("drain", "Send what is due, retrying with backoff, until SIGTERM or Ctrl-C")
        ->callback([options] { drain(*options); });
    cmd->add_subcommand("status", "Show pending count, oldest pending age and the last error")
        ->callback([options] { status(*options); });
}

} // namespace kiosk::ctl
