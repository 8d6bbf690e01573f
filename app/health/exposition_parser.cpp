#include "health/exposition_parser.h"

#include <cmath>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include "core/error.h"

namespace kiosk::health {

namespace {

// Problems within one line; parse() adds the line number.
class LineError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

bool name_char(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
}

std::string read_name(const std::string& line, std::size_t& pos)
{
    const std::size_t start = pos;
    while (pos < line.size() && name_char(line[pos], pos == start))
        ++pos;
    if (pos == start)
        throw LineError("expected a name at column " + std::to_string(start));
    return line.substr(start, pos - start);
}

std::string unescape(const std::string& text, bool quotes_allowed)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        if (++i == text.size())
            throw LineError("a lone backslash at the end");
        if (text[i] == 'n')
            out += '\n';
        else if (text[i] == '\\')
            out += '\\';
        else if (text[i] == '"' && quotes_allowed)
            out += '"';
        else
            out += '\\', out += text[i];   // HELP keeps unknown escapes as they are
    }
    return out;
}

double read_value(const std::string& token)
{
    if (token == "+Inf")
        return INFINITY;
    if (token == "-Inf")
        return -INFINITY;
    if (token == "NaN")
        return NAN;
    char* end = nullptr;
    const double value = std::strtod(token.c_str(), &end);
    if (token.empty() || *end != '\0')
        throw LineError("'" + token + "' is not a number");
    return value;
}

class Reader {
public:
    void line(const std::string& line)
    {
        if (line.empty())
            return;
        if (line[0] == '#')
            comment(line);
        else
            sample(line);
    }

    // Per label set (without le): buckets cumulative, +Inf last and equal to _count.
    void check_histograms() const
    {
        for (const auto& [name, family] : families_) {
            if (family.type != "histogram")
                continue;
            std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>> buckets;
            std::map<std::map<std::string, std::string>, double> counts;
            for (const ParsedSample& sample : family.samples) {
                auto labels = sample.labels;
                if (sample.name == name + "_bucket") {
                    const double le = read_value(labels.at("le"));
                    labels.erase("le");
                    buckets[labels].push_back({le, sample.value});
                } else if (sample.name == name + "_count") {
                    counts[labels] = sample.value;
                }
            }
            for (const auto& [labels, series] : buckets) {
                for (std::size_t i = 1; i < series.size(); ++i) {
                    if (series[i].first <= series[i - 1].first || series[i].second < series[i - 1].second)
                        throw InputError(name + ": buckets not increasing or not cumulative");
                }
                if (!std::isinf(series.back().first))
                    throw InputError(name + ": no le=\"+Inf\" bucket");
                if (!counts.count(labels) || counts.at(labels) != series.back().second)
                    throw InputError(name + ": _count differs from the +Inf bucket");
            }
        }
    }

    std::map<std::string, ParsedFamily> take() { return std::move(families_); }

private:
    void comment(const std::string& line)
    {
        std::size_t pos = 1;
        while (pos < line.size() && line[pos] == ' ')
            ++pos;
        const std::size_t keyword_end = line.find(' ', pos);
        const std::string keyword =
            line.substr(pos, keyword_end == std::string::npos ? std::string::npos : keyword_end - pos);
        if (keyword != "HELP" && keyword != "TYPE")
            return;   // any other comment is ignored
        pos = keyword_end + 1;
        const std::string name = read_name(line, pos);
        if (pos < line.size() && line[pos] != ' ')
            throw LineError("no space after the metric name");
        const std::string rest = pos < line.size() ? line.substr(pos + 1) : "";
        ParsedFamily& family = families_[name];
        if (keyword == "HELP") {
            if (!help_seen_.insert(name).second)
                throw LineError("second HELP for " + name);
            family.help = unescape(rest, false);
            return;
        }
        if (!family.type.empty())
            throw LineError("second TYPE for " + name);
        if (!family.samples.empty())
            throw LineError("TYPE for " + name + " after its samples");
        if (rest != "counter" && rest != "gauge" && rest != "histogram" && rest != "summary" && rest != "untyped")
            throw LineError("unknown type '" + rest + "'");
        family.type = rest;
    }

    void sample(const std::string& line)
    {
        ParsedSample sample;
        std::size_t pos = 0;
        sample.name = read_name(line, pos);
        if (pos < line.size() && line[pos] == '{')
            sample.labels = read_labels(line, ++pos);
        if (pos >= line.size() || line[pos] != ' ')
            throw LineError("expected a space before the value");
        std::string value = line.substr(pos + 1);
        const std::size_t space = value.find(' ');
        if (space != std::string::npos)
            value = value.substr(0, space);   // a timestamp may follow
        sample.value = read_value(value);

        const std::string family_name = family_of(sample.name);
        ParsedFamily& family = families_[family_name];
        if (family.type.empty())
            family.type = "untyped";
        if (family.type == "counter" && (sample.value < 0 || std::isnan(sample.value)))
            throw LineError("counter " + sample.name + " is negative or NaN");
        if (family.type == "histogram" && sample.name == family_name)
            throw LineError("histogram sample without _bucket/_sum/_count");
        if (sample.name.size() > 7 && sample.name.ends_with("_bucket")) {
            const auto le = sample.labels.find("le");
            if (le == sample.labels.end())
                throw LineError("bucket without le");
            read_value(le->second);   // check_histograms orders the buckets by it
        }
        family.samples.push_back(std::move(sample));
    }

    // From just after '{' to just after the matching '}'.
    static std::map<std::string, std::string> read_labels(const std::string& line, std::size_t& pos)
    {
        std::map<std::string, std::string> labels;
        while (pos < line.size() && line[pos] != '}') {
            const std::string label = read_name(line, pos);
            if (label.find(':') != std::string::npos)
                throw LineError("label name with ':'");
            if (line.compare(pos, 2, "=\"") != 0)
                throw LineError("expected =\" after label " + label);
            pos += 2;
            std::string raw;
            while (pos < line.size() && line[pos] != '"') {
                if (line[pos] == '\\' && pos + 1 < line.size())
                    raw += line[pos++];
                raw += line[pos++];
            }
            if (pos == line.size())
                throw LineError("unterminated label value");
            ++pos;
            if (!labels.emplace(label, unescape(raw, true)).second)
                throw LineError("label " + label + " twice");
            if (pos < line.size() && line[pos] == ',')
                ++pos;
        }
        if (pos == line.size())
            throw LineError("unterminated label set");
        ++pos;
        return labels;
    }

    // The family a sample belongs to: its own name, or for a histogram's
    // _bucket/_sum/_count series the declared histogram name.
    std::string family_of(const std::string& sample_name) const
    {
        for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
            if (sample_name.size() > suffix.size() && sample_name.ends_with(suffix)) {
                const std::string base = sample_name.substr(0, sample_name.size() - suffix.size());
                const auto it = families_.find(base);
                if (it != families_.end() && it->second.type == "histogram")
                    return base;
            }
        }
        return sample_name;
    }

    std::map<std::string, ParsedFamily> families_;
    std::set<std::string> help_seen_;
};

} // namespace

std::map<std::string, ParsedFamily> ExpositionParser::parse(const std::string& text)
{
    if (!text.empty() && text.back() != '\n')
        throw InputError("the last line does not end with a newline");
    Reader reader;
    std::size_t start = 0;
    int line_number = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        ++line_number;
        try {
            reader.line(text.substr(start, end - start));
        } catch (const LineError& error) {
            throw InputError("line " + std::to_string(line_number) + ": " + error.what());
        }
        start = end + 1;
    }
    reader.check_histograms();
    return reader.take();
}

} // namespace kiosk::health
