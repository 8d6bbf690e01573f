#include "kiosk-ui/screen_text.h"

namespace kiosk::ui {

std::string fill_placeholders(std::string_view pattern, const std::map<std::string, std::string>& args)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        const std::size_t open = pattern.find('{', pos);
        const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
        if (close == std::string_view::npos) {
            out.append(pattern.substr(pos));
            break;
        }
        out.append(pattern.substr(pos, open - pos));
        const std::string name(pattern.substr(open + 1, close - open - 1));
        if (auto it = args.find(name); it != args.end())
            out += it->second;
        else
            out.append(pattern.substr(open, close - open + 1));
        pos = close + 1;
    }
    return out;
}

ScreenText::ScreenText(const std::filesystem::path& config_dir)
    : zh_(TextCatalog::load(config_dir / "text", "zh-CN")), en_(TextCatalog::load(config_dir / "text", "en"))
{
}

const TextCatalog& ScreenText::catalog(std::string_view locale) const
{
    // The session only ever names the two shipped locales; anything else
    // shows Chinese, the kiosk's first language.
    return locale == "en" ? en_ : zh_;
}

std::string ScreenText::text(std::string_view locale, const session::Text& text) const
{
    return fill_placeholders(catalog(locale).text(text.key), text.args);
}

std::string ScreenText::text(std::string_view locale, std::string_view key) const
{
    return catalog(locale).text(key);
}

bool ScreenText::has(std::string_view locale, std::string_view key) const
{
    return catalog(locale).has(key);
}

} // namespace kiosk::ui
