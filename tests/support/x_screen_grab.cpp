#include "support/x_screen_grab.h"

#include <memory>
#include <stdexcept>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

namespace kiosk::test {
namespace {

// The position of a colour mask's lowest set bit.
int shift_of(unsigned long mask)
{
    int shift = 0;
    while (mask != 0 && (mask & 1ul) == 0) {
        mask >>= 1;
        ++shift;
    }
    return shift;
}

} // namespace

cv::Mat grab_screen()
{
    const std::unique_ptr<Display, int (*)(Display*)> display(XOpenDisplay(nullptr), XCloseDisplay);
    if (!display)
        throw std::runtime_error("cannot open the X display named by DISPLAY");
    const Window root = DefaultRootWindow(display.get());
    XWindowAttributes attributes{};
    if (!XGetWindowAttributes(display.get(), root, &attributes))
        throw std::runtime_error("cannot read the X root window's size");
    // XDestroyImage is a macro, not a function to point at.
    const auto destroy = [](XImage* i) { XDestroyImage(i); };
    const std::unique_ptr<XImage, decltype(destroy)> image(
        XGetImage(display.get(), root, 0, 0, static_cast<unsigned>(attributes.width),
                  static_cast<unsigned>(attributes.height), AllPlanes, ZPixmap),
        destroy);
    if (!image)
        throw std::runtime_error("XGetImage of the root window failed");
    // Xvfb's 24-bit TrueColor visuals name their channels by masks.
    const int red = shift_of(image->red_mask), green = shift_of(image->green_mask), blue = shift_of(image->blue_mask);
    cv::Mat bgr(attributes.height, attributes.width, CV_8UC3);
    for (int y = 0; y < attributes.height; ++y) {
        auto* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < attributes.width; ++x) {
            const unsigned long pixel = XGetPixel(image.get(), x, y);
            row[x] = {static_cast<uchar>((pixel & image->blue_mask) >> blue),
                      static_cast<uchar>((pixel & image->green_mask) >> green),
                      static_cast<uchar>((pixel & image->red_mask) >> red)};
        }
    }
    return bgr;
}

} // namespace kiosk::test
