#include "kiosk/submission_desk.h"

#include <spdlog/spdlog.h>

#include "core/error.h"
#include "kiosk/local_date.h"

namespace kiosk::runtime {

std::optional<nlohmann::json> applicant_json(const session::Applicant& applicant)
{
    nlohmann::json details = nlohmann::json::object();
    if (!applicant.name.empty())
        details["name"] = applicant.name;
    if (!applicant.id_number.empty())
        details["id_number"] = applicant.id_number;
    if (!applicant.phone.empty())
        details["phone"] = applicant.phone;
    if (details.empty())
        return std::nullopt;
    return details;
}

SubmissionDesk::SubmissionDesk(receipt::ReceiptIssuer& issuer, upload::Outbox& outbox, upload::UploadWorker& worker,
                               upload::ReviewClient review, SubmissionOrigin origin)
    : issuer_(issuer), outbox_(outbox), worker_(worker), review_(std::move(review)), origin_(std::move(origin))
{
}

session::ReceiptChecked SubmissionDesk::check_receipt(const std::string& receipt_number) const
{
    using session::ReceiptCheck;
    session::ReceiptChecked answer{receipt_number, ReceiptCheck::Unreachable};
    try {
        switch (review_.fetch_receipt_decision(receipt_number).state) {
        case upload::ReviewState::Rejected: answer.outcome = ReceiptCheck::Rejected; break;
        case upload::ReviewState::Pending: answer.outcome = ReceiptCheck::Pending; break;
        case upload::ReviewState::Approved: answer.outcome = ReceiptCheck::Approved; break;
        }
    } catch (const InputError&) {
        // UnknownReceipt: no photo under the number; or a number no receipt
        // can have (the session sends only well-formed ones).
        answer.outcome = ReceiptCheck::Unknown;
    } catch (const std::exception& e) {
        spdlog::warn("runtime: cannot ask the review service about receipt {}: {}", receipt_number, e.what());
    }
    return answer;
}

std::string SubmissionDesk::submit(const session::SubmitApplication& command)
{
    if (!command.photo)
        throw InputError("submission without a photo");
    upload::Submission submission;
    submission.receipt_number = command.resubmitted_receipt
                                    ? receipt::ReceiptNumber::parse(*command.resubmitted_receipt).str()
                                    : issuer_.next(local_today()).str();
    submission.spec = command.photo->spec_id;
    submission.city = origin_.city;
    submission.kiosk_id = origin_.kiosk_id;
    submission.assessment = command.photo->assessment;
    submission.photo_jpeg = command.photo->jpeg;
    if (origin_.send_applicant)
        submission.applicant = applicant_json(command.applicant);
    outbox_.add(submission, upload::WallClock::now());
    worker_.wake();
    return submission.receipt_number;
}

std::optional<upload::SubmissionProgress> SubmissionDesk::progress(const std::string& receipt_number)
{
    return outbox_.progress(receipt_number);
}

} // namespace kiosk::runtime
