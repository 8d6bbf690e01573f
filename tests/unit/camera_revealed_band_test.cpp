#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "camera/revealed_band.h"
#include "camera/scene_film.h"
#include "camera/scene_renderer.h"

namespace kiosk::camera {
namespace {

constexpr int backdrop_grey = 190;

// A head on an even backdrop over a garment of thin dark and light vertical
// stripes that runs off the picture's bottom: stretched, every stripe would
// run on down the frame.
cv::Mat striped_portrait()
{
    cv::Mat picture(600, 600, CV_8UC3, cv::Scalar::all(backdrop_grey));
    cv::ellipse(picture, {300, 230}, {80, 110}, 0, 0, 360, cv::Scalar(120, 150, 200), cv::FILLED);
    const cv::Rect garment(150, 420, 300, 180);
    cv::rectangle(picture, garment, cv::Scalar(70, 60, 60), cv::FILLED);
    for (int x = garment.x; x < garment.br().x; x += 6)
        cv::line(picture, {x, garment.y}, {x, garment.br().y}, cv::Scalar(20, 20, 20), 2);
    return picture;
}

// Largest difference between horizontally neighbouring pixels of a row, over
// the channels.
int largest_step(const cv::Mat& row, int from, int to)
{
    int step = 0;
    for (int x = from + 1; x < to; ++x)
        for (int c = 0; c < 3; ++c)
            step = std::max(step, std::abs(row.at<cv::Vec3b>(0, x)[c] - row.at<cv::Vec3b>(0, x - 1)[c]));
    return step;
}

TEST(RevealedBand, ContinuesTheGarmentAndTheBackdropAsSmoothColour)
{
    const cv::Mat picture = striped_portrait();
    const ScenePicture scene = prepare_scene_picture(picture);
    const ExtendedPicture& extended = scene.extended;
    ASSERT_GT(extended.margin, 0);
    EXPECT_EQ(extended.original_size(), picture.size());
    // The picture itself is kept as it is.
    EXPECT_EQ(cv::norm(extended.pixels.rowRange(extended.margin, extended.margin + picture.rows), picture,
                       cv::NORM_INF),
              0);

    const cv::Mat last = extended.pixels.row(extended.pixels.rows - 1);
    // Inside the garment, away from its sides, the stripes are gone...
    EXPECT_LE(largest_step(last, 190, 410), 2);
    // ...and its colour is the garment's average, stripes included.
    const cv::Scalar garment = cv::mean(picture(cv::Rect(190, 560, 220, 40)));
    const cv::Scalar continued = cv::mean(last.colRange(190, 410));
    for (int c = 0; c < 3; ++c)
        EXPECT_NEAR(continued[c], garment[c], 4) << "channel " << c;
    // The backdrop beside it stays the backdrop.
    EXPECT_NEAR(cv::mean(last.colRange(0, 100))[1], backdrop_grey, 2);
    EXPECT_NEAR(cv::mean(last.colRange(500, 600))[1], backdrop_grey, 2);
    // Above the head there is only backdrop to continue.
    EXPECT_NEAR(cv::mean(extended.pixels.row(0))[1], backdrop_grey, 2);
}

TEST(RevealedBand, ARaisedSubjectShowsTheContinuedRowsWithoutStreaks)
{
    const cv::Mat picture = striped_portrait();
    const ScenePicture scene = prepare_scene_picture(picture);
    SubjectPose raised;
    raised.y = -0.25;   // the seat lifts the subject by a quarter of the frame
    const cv::Size size(640, 360);
    const cv::Mat continued = film_scene(scene, raised, size, std::nullopt);
    const cv::Mat stretched = render_scene(picture, raised, size);

    // Above the picture's bottom edge both films show the same picture.
    const int edge = cvRound(scene_point(picture.size(), raised, size, {0, double(picture.rows)}).y);
    ASSERT_GT(edge, 200);
    ASSERT_LT(edge, 300);
    EXPECT_LE(cv::norm(continued.rowRange(0, edge - 2), stretched.rowRange(0, edge - 2), cv::NORM_INF), 1);
    // Below it, the stretched film draws the stripes on down; the continued
    // one shows smooth colour.
    const cv::Mat bottom_continued = continued.row(size.height - 1);
    const cv::Mat bottom_stretched = stretched.row(size.height - 1);
    const cv::Point left = scene_point(picture.size(), raised, size, {190, 599});
    const cv::Point right = scene_point(picture.size(), raised, size, {410, 599});
    EXPECT_GT(largest_step(bottom_stretched, left.x, right.x), 20);
    EXPECT_LE(largest_step(bottom_continued, left.x, right.x), 2);
}

} // namespace
} // namespace kiosk::camera
