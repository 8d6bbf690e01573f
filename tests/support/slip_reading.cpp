#include "support/slip_reading.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <opencv2/imgcodecs.hpp>

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include "support/exec_program.h"

namespace kiosk::test {
namespace {

// Runs a program without a shell and returns what it wrote to stdout.
std::string run(const std::vector<std::string>& argv)
{
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        exec_program(argv);
    }
    ::close(pipe_fds[1]);
    std::string out;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(argv[0] + " failed (exit " + std::to_string(WEXITSTATUS(status)) + ")");
    return out;
}

} // namespace

std::string pdf_text(const std::filesystem::path& pdf)
{
    return run({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
}

cv::Mat pdf_raster(const std::filesystem::path& pdf, int dpi)
{
    const std::string pgm = run({"pdftoppm", "-gray", "-r", std::to_string(dpi), "-singlefile", pdf.string()});
    const std::vector<unsigned char> bytes(pgm.begin(), pgm.end());
    cv::Mat image = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
    if (image.empty())
        throw std::runtime_error("pdftoppm gave no image for " + pdf.string());
    return image;
}

std::vector<DecodedCode> decode_codes(const cv::Mat& grey)
{
    cv::Mat continuous = grey.isContinuous() ? grey : grey.clone();
    const ZXing::ImageView view(continuous.data, continuous.cols, continuous.rows, ZXing::ImageFormat::Lum);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    std::vector<DecodedCode> out;
    for (const auto& result : ZXing::ReadBarcodes(view, hints))
        if (result.isValid())
            out.push_back({ZXing::ToString(result.format()), result.text()});
    return out;
}

std::vector<std::string> texts_of(const std::vector<DecodedCode>& codes, const std::string& format)
{
    std::vector<std::string> out;
    for (const auto& c : codes)
        if (c.format == format)
            out.push_back(c.text);
    return out;
}

} // namespace kiosk::test
