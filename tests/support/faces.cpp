#include "support/faces.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kiosk::test {

std::optional<std::filesystem::path> faces_dir()
{
    if (const char* env = std::getenv("KIOSK_FACES"); env && *env)
        return std::filesystem::is_directory(env) ? std::optional<std::filesystem::path>(env) : std::nullopt;
    if (std::filesystem::is_directory(KIOSK_DEFAULT_FACES_DIR))
        return std::filesystem::canonical(KIOSK_DEFAULT_FACES_DIR);
    return std::nullopt;
}

std::string faces_missing_reason()
{
    if (const char* env = std::getenv("KIOSK_FACES"); env && *env)
        return std::string("KIOSK_FACES=") + env + " is not a folder; the real-photo tests need it";
    return std::string("no photo set: neither $KIOSK_FACES nor ") + KIOSK_DEFAULT_FACES_DIR +
           " exists; the real-photo tests need one of them";
}

const std::string& FaceLabel::get(const std::string& column) const
{
    auto it = fields.find(column);
    if (it == fields.end())
        throw std::out_of_range("labels.csv has no column " + column);
    return it->second;
}

namespace {

// labels.csv has no quoted fields; the last column (notes) may be empty.
std::vector<std::string> split_csv_line(const std::string& line)
{
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ','))
        cells.push_back(cell);
    if (!line.empty() && line.back() == ',')
        cells.emplace_back();
    return cells;
}

} // namespace

std::vector<FaceLabel> load_labels(const std::filesystem::path& faces)
{
    std::ifstream in(faces / "labels.csv");
    if (!in)
        throw std::runtime_error("cannot read " + (faces / "labels.csv").string());
    std::string line;
    std::getline(in, line);
    const auto header = split_csv_line(line);
    std::vector<FaceLabel> labels;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        const auto cells = split_csv_line(line);
        FaceLabel label;
        for (std::size_t i = 0; i < header.size(); ++i)
            label.fields[header[i]] = i < cells.size() ? cells[i] : "";
        label.path = label.fields["path"];
        labels.push_back(std::move(label));
    }
    return labels;
}

std::optional<PupilTruth> load_pupils(const std::filesystem::path& image)
{
    auto tem = image;
    tem.replace_extension(".tem");
    std::ifstream in(tem);
    if (!in)
        return std::nullopt;
    int count = 0;
    in >> count;
    PupilTruth t;
    if (count < 2 || !(in >> t.right.x >> t.right.y >> t.left.x >> t.left.y))
        throw std::runtime_error(tem.string() + ": fewer than two points");
    return t;
}

} // namespace kiosk::test
