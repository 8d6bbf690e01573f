#include "form_fields.h"

#include "core/hex_digit.h"
#include "request_refused.h"

namespace kiosk::review {
namespace {

std::string url_decode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out.push_back(' ');
        } else if (text[i] == '%') {
            const int high = i + 2 < text.size() ? hex_digit_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_digit_value(text[i + 2]) : -1;
            if (high < 0 || low < 0)
                throw RequestRefused(400, "form or query has a broken %-escape");
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string_view trim_spaces(std::string_view text)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

} // namespace

std::map<std::string, std::string> parse_form_fields(std::string_view text, std::size_t max_fields)
{
    std::map<std::string, std::string> fields;
    while (!text.empty()) {
        const auto end = text.find('&');
        const auto field = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (field.empty())
            continue;
        if (fields.size() == max_fields)
            throw RequestRefused(400, "form or query has more than " + std::to_string(max_fields) + " fields");
        const auto equals = field.find('=');
        auto name = url_decode(field.substr(0, equals));
        auto value = equals == std::string_view::npos ? std::string() : url_decode(field.substr(equals + 1));
        if (fields.contains(name))
            throw RequestRefused(400, "form or query names a field twice");
        fields.emplace(std::move(name), std::move(value));
    }
    return fields;
}

std::string cookie_value(std::string_view cookie_header, std::string_view name)
{
    while (!cookie_header.empty()) {
        const auto end = cookie_header.find(';');
        const auto pair = trim_spaces(cookie_header.substr(0, end));
        cookie_header = end == std::string_view::npos ? std::string_view() : cookie_header.substr(end + 1);
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos && pair.substr(0, equals) == name)
            return std::string(pair.substr(equals + 1));
    }
    return {};
}

} // namespace kiosk::review
