#pragma once

// An independent reader of the Prometheus text exposition format (0.0.4),
// written from the format's rules rather than from the renderer, so a test
// can tell whether what /metrics serves is what a scraper would understand.
#include <cmath>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::test {

struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0.0;
};

struct ParsedFamily {
    std::string help;
    std::string type;
    std::vector<Sample> samples;
};

class ExpositionParser {
public:
    // Throws std::runtime_error naming the line for anything a scraper would reject.
    static std::map<std::string, ParsedFamily> parse(const std::string& text)
    {
        ExpositionParser parser;
        std::size_t start = 0;
        int line_number = 0;
        if (!text.empty() && text.back() != '\n')
            throw std::runtime_error("the last line does not end with a newline");
        while (start < text.size()) {
            const std::size_t end = text.find('\n', start);
            ++line_number;
            try {
                parser.line(text.substr(start, end - start));
            } catch (const std::runtime_error& error) {
                throw std::runtime_error("line " + std::to_string(line_number) + ": " + error.what());
            }
            start = end + 1;
        }
        parser.check_histograms();
        return parser.families_;
    }

private:
    static bool name_char(char c, bool first)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
               (!first && c >= '0' && c <= '9');
    }

    static std::string read_name(const std::string& line, std::size_t& pos)
    {
        const std::size_t start = pos;
        while (pos < line.size() && name_char(line[pos], pos == start))
            ++pos;
        if (pos == start)
            throw std::runtime_error("expected a name at column " + std::to_string(start));
        return line.substr(start, pos - start);
    }

    static std::string unescape(const std::string& text, bool quotes_allowed)
    {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '\\') {
                out += text[i];
                continue;
            }
            if (++i == text.size())
                throw std::runtime_error("a lone backslash at the end");
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

    static double read_value(const std::string& token)
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
            throw std::runtime_error("'" + token + "' is not a number");
        return value;
    }

    // The family a sample belongs to: its own name, or for a histogram's
    // _bucket/_sum/_count series the declared histogram name.
    std::string family_of(const std::string& sample_name) const
    {
        for (const char* suffix : {"_bucket", "_sum", "_count"}) {
            const std::string s = suffix;
            if (sample_name.size() > s.size() && sample_name.compare(sample_name.size() - s.size(), s.size(), s) == 0) {
                const std::string base = sample_name.substr(0, sample_name.size() - s.size());
                auto it = families_.find(base);
                if (it != families_.end() && it->second.type == "histogram")
                    return base;
            }
        }
        return sample_name;
    }

    void line(const std::string& line)
    {
        if (line.empty())
            return;
        if (line[0] == '#') {
            std::size_t pos = 1;
            while (pos < line.size() && line[pos] == ' ')
                ++pos;
            const std::size_t keyword_end = line.find(' ', pos);
            const std::string keyword = line.substr(pos, keyword_end == std::string::npos ? std::string::npos : keyword_end - pos);
            if (keyword != "HELP" && keyword != "TYPE")
                return;   // any other comment is ignored
            pos = keyword_end + 1;
            const std::string name = read_name(line, pos);
            const std::string rest = pos < line.size() ? line.substr(pos + 1) : "";
            if (pos < line.size() && line[pos] != ' ')
                throw std::runtime_error("no space after the metric name");
            ParsedFamily& family = families_[name];
            if (keyword == "HELP") {
                if (help_seen_.count(name))
                    throw std::runtime_error("second HELP for " + name);
                help_seen_.insert({name, true});
                family.help = unescape(rest, false);
            } else {
                if (!family.type.empty())
                    throw std::runtime_error("second TYPE for " + name);
                if (!family.samples.empty())
                    throw std::runtime_error("TYPE for " + name + " after its samples");
                if (rest != "counter" && rest != "gauge" && rest != "histogram" && rest != "summary" &&
                    rest != "untyped")
                    throw std::runtime_error("unknown type '" + rest + "'");
                family.type = rest;
            }
            return;
        }

        Sample sample;
        std::size_t pos = 0;
        sample.name = read_name(line, pos);
        if (pos < line.size() && line[pos] == '{') {
            ++pos;
            while (pos < line.size() && line[pos] != '}') {
                const std::string label = read_name(line, pos);
                if (label.find(':') != std::string::npos)
                    throw std::runtime_error("label name with ':'");
                if (line.compare(pos, 2, "=\"") != 0)
                    throw std::runtime_error("expected =\" after label " + label);
                pos += 2;
                std::string raw;
                while (pos < line.size() && line[pos] != '"') {
                    if (line[pos] == '\\' && pos + 1 < line.size())
                        raw += line[pos++];
                    raw += line[pos++];
                }
                if (pos == line.size())
                    throw std::runtime_error("unterminated label value");
                ++pos;
                if (!sample.labels.emplace(label, unescape(raw, true)).second)
                    throw std::runtime_error("label " + label + " twice");
                if (pos < line.size() && line[pos] == ',')
                    ++pos;
            }
            if (pos == line.size())
                throw std::runtime_error("unterminated label set");
            ++pos;
        }
        if (pos >= line.size() || line[pos] != ' ')
            throw std::runtime_error("expected a space before the value");
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
            throw std::runtime_error("counter " + sample.name + " is negative or NaN");
        if (family.type == "histogram" && sample.name == family_name)
            throw std::runtime_error("histogram sample without _bucket/_sum/_count");
        if (sample.name.size() > 7 && sample.name.ends_with("_bucket") && !sample.labels.count("le"))
            throw std::runtime_error("bucket without le");
        family.samples.push_back(sample);
    }

    // Per label set (without le): buckets cumulative, +Inf last and equal to _count.
    void check_histograms() const
    {
        for (const auto& [name, family] : families_) {
            if (family.type != "histogram")
                continue;
            std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>> buckets;
            std::map<std::map<std::string, std::string>, double> counts;
            for (const Sample& sample : family.samples) {
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
                        throw std::runtime_error(name + ": buckets not increasing or not cumulative");
                }
                if (!std::isinf(series.back().first))
                    throw std::runtime_error(name + ": no le=\"+Inf\" bucket");
                if (!counts.count(labels) || counts.at(labels) != series.back().second)
                    throw std::runtime_error(name + ": _count differs from the +Inf bucket");
            }
        }
    }

    std::map<std::string, ParsedFamily> families_;
    std::map<std::string, bool> help_seen_;
};

} // namespace kiosk::test
