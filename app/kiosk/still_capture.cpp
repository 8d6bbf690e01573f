#include "kiosk/still_capture.h"

#include <opencv2/imgcodecs.hpp>

#include "kiosk/assessment_summary.h"
#include "photo/document_photo.h"
#include "photo/jpeg_encoder.h"
#include "vision/assessor.h"

namespace kiosk::runtime {

namespace {

// What the citizen is asked to do when the still itself went wrong: the
// picture is taken again once they have held still.
constexpr const char* kRetryAdvice = "advice.hold_still";

session::PhotoRejected rejected(std::string advice_key, std::string detail)
{
    return session::PhotoRejected{std::move(advice_key), std::move(detail)};
}

} // namespace

StillCapture::StillCapture(camera::CameraSource& camera, const vision::Models& models,
                           const photo::PhotoSettings& settings, std::chrono::milliseconds timeout)
    : camera_(camera), models_(models), settings_(settings), timeout_(timeout)
{
}

session::Event StillCapture::capture(const spec::DocumentSpec& spec) const
{
    camera::Frame still;
    try {
        still = camera_.capture_still(timeout_);
    } catch (const std::exception& e) {
        return rejected(kRetryAdvice, std::string("camera: ") + e.what());
    }
    try {
        vision::Assessor assessor(models_, spec);
        assessor.use_plate(plate_.load());
        const vision::Assessment assessment = assessor.assess(still.image);
        if (observer_)
            observer_(assessment);
        if (assessment.faces_found == 0 || !assessment.face || !assessment.crop)
            return rejected("advice.face_the_camera", "no face on the still");
        // Unknown checks go through to the human reviewer with the summary;
        // a check that measured a failure on the still sends the citizen back.
        if (const auto failures = assessment.failures(); !failures.empty())
            return rejected("advice." + failures.front()->advice,
                            "still failed " + failures.front()->id + ": " + failures.front()->detail);

        const auto picture = photo::render_document_photo(still.image, *assessment.crop, spec,
                                                          assessment.subject_alpha, settings_.render);
        const auto jpeg = photo::encode_jpeg(picture.picture, spec, settings_.jpeg);
        if (!jpeg.size_in_range)
            return rejected(kRetryAdvice, "document file size: " + jpeg.problem);

        auto photo = std::make_shared<session::AcceptedPhoto>();
        photo->spec_id = spec.id;
        photo->jpeg.assign(reinterpret_cast<const char*>(jpeg.bytes.data()), jpeg.bytes.size());
        // Decoded from the file itself so the review screen shows exactly what is uploaded.
        photo->preview = cv::imdecode(jpeg.bytes, cv::IMREAD_COLOR);
        photo->assessment = summarise_assessment(assessment, picture.background_replaced);
        return session::PhotoReady{std::move(photo)};
    } catch (const std::exception& e) {
        return rejected(kRetryAdvice, std::string("still could not be judged: ") + e.what());
    }
}

} // namespace kiosk::runtime
