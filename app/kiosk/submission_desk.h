#pragma once

#include <optional>
#include <string>

#include "receipt/receipt_issuer.h"
#include "session/commands.h"
#include "session/events.h"
#include "upload/outbox.h"
#include "upload/review_client.h"
#include "upload/upload_worker.h"

namespace kiosk::runtime {

// Who the submissions come from, as the review centre knows them.
struct SubmissionOrigin {
    std::string kiosk_id;
    std::string city;
    // Whether the applicant's details go with the photo (config/kiosk).
    bool send_applicant = true;
};

// The SubmitApplication command: gives the photo its receipt number (a new
// one, or the rejected receipt's for a retake), puts it durably in the
// outbox and wakes the upload worker. Blocks on the outbox's fsync, so it
// runs on the runtime's blocking worker. Also answers CheckRejectedReceipt,
// asking the review centre (blocking up to the service's timeouts).
class SubmissionDesk {
public:
    SubmissionDesk(receipt::ReceiptIssuer& issuer, upload::Outbox& outbox, upload::UploadWorker& worker,
                   upload::ReviewClient review, SubmissionOrigin origin);

    // What the review centre says about a number a citizen wants to retake.
    // Never throws: a service that cannot be asked or answers nonsense is
    // ReceiptCheck::Unreachable.
    session::ReceiptChecked check_receipt(const std::string& receipt_number) const;

    // The receipt number the submission is queued under. Throws InputError
    // for a submission the outbox refuses, and std::exception when the disk
    // fails: nothing was queued then.
    std::string submit(const session::SubmitApplication& command);

    std::optional<upload::SubmissionProgress> progress(const std::string& receipt_number);

private:
    receipt::ReceiptIssuer& issuer_;
    upload::Outbox& outbox_;
    upload::UploadWorker& worker_;
    upload::ReviewClient review_;
    SubmissionOrigin origin_;
};

// The typed details as the review centre reads them: only the fields given.
std::optional<nlohmann::json> applicant_json(const session::Applicant& applicant);

} // namespace kiosk::runtime
