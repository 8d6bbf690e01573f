#include "image_report.h"

namespace kiosk::photo_check {

Verdict ImageReport::verdict() const
{
    if (error || !assessment)
        return Verdict::Error;
    // An undecided check is not a pass: the review centre would not accept it either.
    return assessment->verdict() == vision::CheckStatus::Pass ? Verdict::Pass : Verdict::Fail;
}

const char* to_string(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return "pass";
    case Verdict::Fail:
        return "fail";
    case Verdict::Error:
        return "error";
    }
    return "error";
}

} // namespace kiosk::photo_check
