"""Colours as the browser computes them, and the measures WCAG and CIE apply to them."""

from __future__ import annotations

import re

Colour = tuple[float, float, float]


def rgb(css: str) -> Colour:
    """An rgb(), rgba() or color(srgb ...) value as 0-255 channels."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if css.startswith("color("):
        return numbers[0] * 255, numbers[1] * 255, numbers[2] * 255
    return numbers[0], numbers[1], numbers[2]


def linear(colour: Colour) -> Colour:
    """sRGB channels (0-255) made linear, as luminance and L*a*b* both need."""
    r, g, b = (
        c / 255 / 12.92 if c <= 10.31475 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour
    )
    return r, g, b


def luminance(colour: Colour) -> float:
    """WCAG relative luminance."""
    r, g, b = linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def lab(colour: Colour) -> Colour:
    """sRGB to CIE L*a*b* (D65)."""
    r, g, b = linear(colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def difference(one: Colour, other: Colour) -> float:
    """The CIE76 colour difference (delta E*ab) between two colours."""
    return float(sum((a - b) ** 2 for a, b in zip(lab(one), lab(other), strict=True)) ** 0.5)


def contrast(one: Colour, other: Colour) -> float:
    """The WCAG contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
