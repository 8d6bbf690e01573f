#include "support/photo_set.h"

#include <stdexcept>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace kiosk::test {

const vision::Models& shared_models()
{
    static const vision::Models models;
    return models;
}

const std::vector<LabelledPhoto>& labelled_photos()
{
    static const std::vector<LabelledPhoto> photos = [] {
        const auto dir = faces_dir();
        if (!dir)
            throw std::runtime_error(faces_missing_reason());
        std::vector<LabelledPhoto> out;
        for (auto& label : load_labels(*dir)) {
            LabelledPhoto p;
            p.file = *dir / label.path;
            p.bgr = cv::imread(p.file.string(), cv::IMREAD_COLOR);
            if (p.bgr.empty())
                throw std::runtime_error("cannot decode " + p.file.string());
            cv::cvtColor(p.bgr, p.gray, cv::COLOR_BGR2GRAY);
            p.located = vision::locate_faces(shared_models(), p.gray);
            p.pupils = load_pupils(p.file);
            p.label = std::move(label);
            out.push_back(std::move(p));
        }
        return out;
    }();
    return photos;
}

} // namespace kiosk::test
