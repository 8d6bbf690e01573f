#include "printer/cups_printer.h"

#include <algorithm>
#include <cstdio>
#include <thread>

#include <spdlog/spdlog.h>

namespace kiosk::printer {
namespace {

using Clock = std::chrono::steady_clock;

// The kiosk runs unattended: a queue asking for a password must fail, not
// wait for someone to type one on a terminal that is not there.
const char* no_password(const char*, http_t*, const char*, const char*, void*) { return nullptr; }

// A PWG 5101.1 custom media name, "custom_slip_80x190.3mm": the slip is as
// long as its content, so there is no fixed page size to name.
std::string custom_media(double width_mm, double length_mm)
{
    auto number = [](double mm) {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", mm);
        std::string s = text;
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.')
            s.pop_back();
        return s;
    };
    return "custom_slip_" + number(width_mm) + "x" + number(length_mm) + "mm";
}

JobState job_state_of(int ipp_state)
{
    switch (ipp_state) {
    case IPP_JSTATE_PENDING: return JobState::Pending;
    case IPP_JSTATE_HELD: return JobState::Held;
    case IPP_JSTATE_PROCESSING: return JobState::Processing;
    case IPP_JSTATE_STOPPED: return JobState::Stopped;
    case IPP_JSTATE_CANCELED: return JobState::Cancelled;
    case IPP_JSTATE_ABORTED: return JobState::Aborted;
    case IPP_JSTATE_COMPLETED: return JobState::Completed;
    default: return JobState::Unknown;
    }
}

bool blocks(Problem p) { return p != Problem::None && p != Problem::PaperLow; }

} // namespace

CupsPrinter::CupsPrinter(PrinterConfig config) : config_(std::move(config))
{
    cupsSetPasswordCB2(no_password, nullptr);
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", config_.port, "/printers/%s",
                     config_.queue.c_str());
    printer_uri_ = uri;
}

http_t* CupsPrinter::connection()
{
    if (!http_) {
        http_.reset(httpConnect2(config_.server.c_str(), config_.port, nullptr, AF_UNSPEC,
                                 HTTP_ENCRYPTION_IF_REQUESTED, 1, static_cast<int>(config_.connect_timeout.count()),
                                 nullptr));
        if (!http_)
            last_error_ = "cannot reach CUPS at " + config_.server + ":" + std::to_string(config_.port) + ": " +
                          cupsLastErrorString();
    }
    return http_.get();
}

IppMessage CupsPrinter::new_request(ipp_op_t op) const
{
    IppMessage req(ippNewRequest(op));
    ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri_.c_str());
    ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    return req;
}

IppMessage CupsPrinter::send(IppMessage req)
{
    http_t* http = connection();
    if (!http)
        return nullptr;
    // cupsDoRequest takes the request whatever happens.
    IppMessage response(cupsDoRequest(http, req.release(), "/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        last_error_ = cupsLastErrorString();
        if (httpError(http) != 0 || httpGetFd(http) < 0)
            drop_connection();
        return nullptr;
    }
    return response;
}

PrinterStatus CupsPrinter::status()
{
    IppMessage req = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES);
    static const char* const wanted[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs",
                                         "printer-state-message"};
    ippAddStrings(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, wanted);
    PrinterStatus s;
    const IppMessage response = send(std::move(req));
    if (!response) {
        s.message = "queue " + config_.queue + ": " + last_error_;
        return s;
    }
    if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM)) {
        switch (ippGetInteger(a, 0)) {
        case IPP_PSTATE_IDLE: s.state = PrinterState::Idle; break;
        case IPP_PSTATE_PROCESSING: s.state = PrinterState::Processing; break;
        case IPP_PSTATE_STOPPED: s.state = PrinterState::Stopped; break;
        default: break;
        }
    }
    if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-state-reasons", IPP_TAG_KEYWORD)) {
        for (int i = 0; i < ippGetCount(a); ++i) {
            const std::string reason = ippGetString(a, i, nullptr);
            if (reason != "none")
                s.reasons.push_back(reason);
        }
    }
    if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
        s.accepting = ippGetBoolean(a, 0) != 0;
    if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-state-message", IPP_TAG_TEXT))
        s.message = ippGetString(a, 0, nullptr);
    return s;
}

JobState CupsPrinter::job_state(int job_id)
{
    IppMessage req = new_request(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddInteger(req.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
    ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", nullptr, "job-state");
    const IppMessage response = send(std::move(req));
    if (!response)
        return JobState::Unknown;
    ipp_attribute_t* a = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM);
    return a ? job_state_of(ippGetInteger(a, 0)) : JobState::Unknown;
}

std::optional<int> CupsPrinter::find_job(const std::string& title)
{
    IppMessage req = new_request(IPP_OP_GET_JOBS);
    ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "all");
    static const char* const wanted[] = {"job-id", "job-name"};
    ippAddStrings(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, nullptr, wanted);
    const IppMessage response = send(std::move(req));
    if (!response)
        return std::nullopt;
    // Each job is one attribute group; a nameless attribute separates them.
    std::optional<int> newest;
    int id = 0;
    bool matches = false;
    auto close_group = [&] {
        if (id > 0 && matches)
            newest = std::max(newest.value_or(0), id);
        id = 0;
        matches = false;
    };
    for (ipp_attribute_t* a = ippFirstAttribute(response.get()); a; a = ippNextAttribute(response.get())) {
        const char* name = ippGetName(a);
        if (!name) {
            close_group();
            continue;
        }
        if (ippGetGroupTag(a) != IPP_TAG_JOB)
            continue;
        if (std::string_view(name) == "job-id")
            id = ippGetInteger(a, 0);
        else if (std::string_view(name) == "job-name")
            matches = title == ippGetString(a, 0, nullptr);
    }
    close_group();
    return newest;
}

bool CupsPrinter::cancel(int job_id)
{
    IppMessage req = new_request(IPP_OP_CANCEL_JOB);
    ippAddInteger(req.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
    const bool ok = send(std::move(req)) != nullptr;
    if (!ok)
        spdlog::warn("printer {}: could not cancel job {}: {}", config_.queue, job_id, last_error_);
    return ok;
}

PrintResult CupsPrinter::print(const PrintRequest& request)
{
    PrintResult result;
    result.before = status();
    const Problem before = result.before.problem();
    if (blocks(before)) {
        result.problem = before;
        result.after = result.before;
        result.detail = std::string("not submitted: ") + to_string(before) +
                        (result.before.message.empty() ? "" : " (" + result.before.message + ")");
        spdlog::warn("printer {}: {}", config_.queue, result.detail);
        return result;
    }
    result = submit(request, std::move(result));
    result.after = status();
    if (result.printed)
        spdlog::info("printer {}: job {} ({}) printed", config_.queue, result.job_id, request.title);
    else
        spdlog::warn("printer {}: job {} ({}) not printed: {} {}", config_.queue, result.job_id, request.title,
                     to_string(result.problem), result.detail);
    return result;
}

PrintResult CupsPrinter::submit(const PrintRequest& request, PrintResult result)
{
    auto fail = [&](Problem problem, std::string detail) {
        if (result.job_id > 0)
            cancel(result.job_id);
        result.problem = problem;
        result.detail = std::move(detail);
        return result;
    };

    http_t* http = connection();
    if (!http)
        return fail(Problem::Unreachable, last_error_);

    CupsOptions options;
    const std::string media = custom_media(request.width_mm, request.length_mm);
    const std::string copies = std::to_string(request.copies);
    options.add("media", media.c_str());
    // The slip is laid out on the printer's dot grid at its real size; any
    // scaling would blur the barcode and shrink the photo below document size.
    options.add("print-scaling", "none");
    options.add("fit-to-page", "false");
    options.add("copies", copies.c_str());

    // Create-Job is built here rather than with cupsCreateDestJob or
    // cupsCreateJob: given a connection of its own, libcups's destination
    // API takes it for a link to the device itself and addresses the job to
    // the queue's device URI.
    IppMessage create = new_request(IPP_OP_CREATE_JOB);
    ippAddString(create.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, request.title.c_str());
    cupsEncodeOptions2(create.get(), options.count(), options.get(), IPP_TAG_OPERATION);
    cupsEncodeOptions2(create.get(), options.count(), options.get(), IPP_TAG_JOB);
    const IppMessage created = send(std::move(create));
    ipp_attribute_t* id = created ? ippFindAttribute(created.get(), "job-id", IPP_TAG_INTEGER) : nullptr;
    if (!id || ippGetInteger(id, 0) <= 0)
        return fail(Problem::JobFailed, "create job: " + last_error_);
    const int job_id = ippGetInteger(id, 0);
    const char* queue = config_.queue.c_str();
    result.job_id = job_id;

    if (cupsStartDocument(http, queue, job_id, request.title.c_str(), CUPS_FORMAT_PDF, 1) != HTTP_STATUS_CONTINUE)
        return fail(Problem::JobFailed, std::string("start document: ") + cupsLastErrorString());
    constexpr std::size_t kChunk = 64 * 1024;
    for (std::size_t at = 0; at < request.pdf.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, request.pdf.size() - at);
        if (cupsWriteRequestData(http, request.pdf.data() + at, n) != HTTP_STATUS_CONTINUE) {
            // Finishing reads the server's answer, so the connection stays usable.
            cupsFinishDocument(http, queue);
            return fail(Problem::JobFailed, std::string("send document: ") + cupsLastErrorString());
        }
    }
    if (cupsFinishDocument(http, queue) != IPP_STATUS_OK)
        return fail(Problem::JobFailed, std::string("finish document: ") + cupsLastErrorString());
    if (request.on_submitted)
        request.on_submitted(job_id);

    const auto deadline = Clock::now() + config_.job_timeout;
    constexpr auto kNotBlocked = Clock::time_point::max();
    auto blocked_since = kNotBlocked;
    for (;;) {
        const JobState state = job_state(job_id);
        if (state == JobState::Completed) {
            result.printed = true;
            return result;
        }
        if (state == JobState::Cancelled || state == JobState::Aborted) {
            const Problem printer_problem = status().problem();
            result.problem = blocks(printer_problem) ? printer_problem : Problem::JobFailed;
            result.detail = std::string("job ") + to_string(state);
            return result;
        }
        Problem problem = status().problem();
        if (!blocks(problem) && state == JobState::Stopped)
            problem = Problem::QueueStopped;
        const auto now = Clock::now();
        if (blocks(problem)) {
            if (blocked_since == kNotBlocked)
                blocked_since = now;
            if (now - blocked_since >= config_.problem_grace)
                return fail(problem, std::string("job ") + to_string(state) + " while the printer reports " +
                                         to_string(problem) + "; cancelled");
        } else {
            blocked_since = kNotBlocked;
        }
        if (now >= deadline)
            return fail(Problem::TimedOut, std::string("job still ") + to_string(state) + " after " +
                                               std::to_string(config_.job_timeout.count()) + " ms; cancelled");
        std::this_thread::sleep_for(config_.poll_interval);
    }
}

} // namespace kiosk::printer
