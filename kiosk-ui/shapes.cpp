#include "kiosk-ui/shapes.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kiosk::ui {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Enough segments that a full-screen oval shows no corners.
constexpr int kSegmentsPerTurn = 128;

SDL_Color sdl(Colour c)
{
    return {c.r, c.g, c.b, c.a};
}

// A band between two ellipses (inner and outer radii) from angle a0 to a1.
void band(SDL_Renderer* renderer, SDL_FPoint c, float rx, float ry, float thickness, double a0, double a1,
          Colour colour)
{
    const int segments = std::max(2, static_cast<int>(kSegmentsPerTurn * (a1 - a0) / (2 * kPi)));
    std::vector<SDL_Vertex> v;
    std::vector<int> indices;
    v.reserve(static_cast<std::size_t>(2 * (segments + 1)));
    const float half = thickness / 2;
    for (int i = 0; i <= segments; ++i) {
        const double a = a0 + (a1 - a0) * i / segments;
        const auto s = static_cast<float>(std::sin(a));
        const auto k = static_cast<float>(-std::cos(a));
        v.push_back({{c.x + (rx - half) * s, c.y + (ry - half) * k}, sdl(colour), {0, 0}});
        v.push_back({{c.x + (rx + half) * s, c.y + (ry + half) * k}, sdl(colour), {0, 0}});
    }
    for (int i = 0; i < segments; ++i) {
        const int a = 2 * i;
        indices.insert(indices.end(), {a, a + 1, a + 2, a + 1, a + 3, a + 2});
    }
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(renderer, nullptr, v.data(), static_cast<int>(v.size()), indices.data(),
                       static_cast<int>(indices.size()));
}

} // namespace

void fill_rect(SDL_Renderer* renderer, const SDL_Rect& rect, Colour colour)
{
    SDL_SetRenderDrawBlendMode(renderer, colour.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, colour.r, colour.g, colour.b, colour.a);
    SDL_RenderFillRect(renderer, &rect);
}

void outline_rect(SDL_Renderer* renderer, const SDL_Rect& rect, int thickness, Colour colour)
{
    const int t = std::max(1, std::min({thickness, rect.w / 2, rect.h / 2}));
    fill_rect(renderer, {rect.x, rect.y, rect.w, t}, colour);
    fill_rect(renderer, {rect.x, rect.y + rect.h - t, rect.w, t}, colour);
    fill_rect(renderer, {rect.x, rect.y + t, t, rect.h - 2 * t}, colour);
    fill_rect(renderer, {rect.x + rect.w - t, rect.y + t, t, rect.h - 2 * t}, colour);
}

void outline_ellipse(SDL_Renderer* renderer, const SDL_FRect& bounds, float thickness, Colour colour)
{
    const SDL_FPoint c{bounds.x + bounds.w / 2, bounds.y + bounds.h / 2};
    band(renderer, c, bounds.w / 2, bounds.h / 2, thickness, 0, 2 * kPi, colour);
}

void ring(SDL_Renderer* renderer, SDL_FPoint centre, float radius, float thickness, double fraction, Colour colour)
{
    const double f = std::clamp(fraction, 0.0, 1.0);
    if (f <= 0)
        return;
    band(renderer, centre, radius, radius, thickness, 0, 2 * kPi * f, colour);
}

} // namespace kiosk::ui
