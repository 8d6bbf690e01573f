#include "output_file.h"

#include <fstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace kiosk::photo_check {

void write_file_atomically(const std::filesystem::path& path, const std::vector<unsigned char>& bytes)
{
    std::filesystem::path temp = path;
    temp += ".tmp-" + std::to_string(::getpid());
    try {
        {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            if (!out)
                throw std::runtime_error("cannot create " + temp.string());
            out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
            out.flush();
            if (!out)
                throw std::runtime_error("cannot write " + temp.string());
        }
        std::filesystem::rename(temp, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
}

} // namespace kiosk::photo_check
