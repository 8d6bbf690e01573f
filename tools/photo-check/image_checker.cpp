#include "image_checker.h"

#include <exception>

#include "core/error.h"
#include "core/durable_file.h"
#include "photo/document_photo.h"
#include "photo/image_file.h"
#include "photo/jpeg_encoder.h"

namespace kiosk::photo_check {

ImageChecker::ImageChecker(const vision::Assessor& assessor, const photo::PhotoSettings& settings,
                           std::optional<std::filesystem::path> out_dir)
    : assessor_(assessor), settings_(settings), out_dir_(std::move(out_dir))
{
}

ImageReport ImageChecker::check(const std::string& image)
{
    ImageReport report;
    report.image = image;
    report.spec_id = assessor_.spec().id;
    cv::Mat bgr;
    try {
        bgr = photo::read_image_file(image, settings_.input);
    } catch (const std::exception& e) {
        report.error = e.what();
        return report;
    }
    try {
        report.assessment = assessor_.assess(bgr);
    } catch (const std::exception& e) {
        report.error = std::string("could not be judged: ") + e.what();
        return report;
    }
    const vision::Assessment& a = *report.assessment;
    if (a.faces_found == 0 || !a.face) {
        report.error = "no face found in the image";
        return report;
    }
    if (out_dir_ && a.crop) {
        try {
            report.output = write_document_photo(image, bgr, a);
        } catch (const std::exception& e) {
            report.error = std::string("document photo could not be written: ") + e.what();
        }
    }
    return report;
}

WrittenPhoto ImageChecker::write_document_photo(const std::string& image, const cv::Mat& bgr,
                                                const vision::Assessment& a)
{
    const spec::DocumentSpec& spec = assessor_.spec();
    // An unreliable mask would cut into hair or leave halos: the assessment
    // carries one only when the subject separates, else the background is kept.
    const photo::DocumentPhoto picture =
        photo::render_document_photo(bgr, *a.crop, spec, a.subject_alpha, settings_.render);
    const photo::EncodedJpeg jpeg = photo::encode_jpeg(picture.picture, spec, settings_.jpeg);

    WrittenPhoto w;
    w.path = output_path(image);
    write_file_durably(w.path, std::string_view(reinterpret_cast<const char*>(jpeg.bytes.data()), jpeg.bytes.size()));
    written_.insert(w.path);
    w.background_replaced = picture.background_replaced;
    w.background_note = a.background_separable ? picture.background_note : a.background_note;
    w.jpeg_quality = jpeg.quality;
    w.size_bytes = jpeg.bytes.size();
    w.size_in_range = jpeg.size_in_range;
    w.size_problem = jpeg.problem;
    return w;
}

std::filesystem::path ImageChecker::output_path(const std::string& image)
{
    std::filesystem::create_directories(*out_dir_);
    const std::string stem = std::filesystem::path(image).stem().string();
    const std::string suffix = "." + assessor_.spec().id + ".jpg";
    std::filesystem::path path = *out_dir_ / (stem + suffix);
    for (int n = 2; written_.count(path); ++n)
        path = *out_dir_ / (stem + "-" + std::to_string(n) + suffix);
    return path;
}

} // namespace kiosk::photo_check
