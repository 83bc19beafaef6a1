// A small SVG plot builder: axes, lines, dots, bands, lanes. Hand-written because Debian 12
// packages no C++ library that draws plots as SVG (gnuplot would be an external process and a
// dependency for one page); the report needs only a few primitives, all below.
//
// Coordinates: x and y in data units; the frame maps them to pixels. Every plot of a report
// uses the same frame width and margins, so their time axes line up on the page. A header
// above the frame (legend rows, then rows of labels for points on the x axis) makes the
// picture taller, never narrower: the plot is moved down under it.
//
// Text never overlaps other text: there are no font metrics here, so widths are estimated
// (text_width, generous for DejaVu Sans, the usual fallback) and labels are placed in rows
// (stack_in_rows); the browser test of the report measures what Chromium actually draws.
#pragma once

#include <string>
#include <vector>

namespace rrt {

struct Frame {
  int width = 960;
  int height = 220;
  int left = 90;  // room for y labels and lane names
  int right = 16;
  int top = 10;
  int bottom = 36;
};

struct Point {
  double x = 0;
  double y = 0;
};

class SvgPlot {
 public:
  // y is logarithmic (base 10) when log_y; then y0 must be > 0.
  SvgPlot(Frame frame, double x0, double x1, double y0, double y1, bool log_y = false);

  double px(double x) const;
  double py(double y) const;

  // Ticks at round steps, grid lines, and a label under / beside the axis.
  void x_axis(const std::string& label);
  void y_axis(const std::string& label);
  // Lane names at y = 0.5, 1.5, ... (lane i spans [i, i + 1]; lane 0 is drawn at the top when
  // the plot's y range is [lanes, 0]).
  void lane_names(const std::vector<std::string>& names);

  // A shaded vertical band from x0 to x1 over the whole plot height (at least 2 px wide), with
  // a tooltip.
  void band(double x0, double x1, const std::string& css_class, const std::string& title);
  // A vertical line at x, with a tooltip.
  void vline(double x, const std::string& css_class, const std::string& title);
  // A rectangle in data units, with a tooltip (empty: none).
  void rect(double x0, double x1, double y0, double y1, const std::string& css_class,
            const std::string& title);
  void polyline(const std::vector<Point>& points, const std::string& css_class);
  // Dots at pixel positions (see merge_by_cell), drawn as one path: one "M x y h0" per dot.
  void dots(const std::vector<Point>& pixels, const std::string& css_class);
  // Text starting at (x, y), or ending there if anchor_end.
  void text(double x, double y, const std::string& text, const std::string& css_class,
            bool anchor_end = false);
  // A legend entry above the plot: a swatch of `css_class` and its label (rows wrap).
  void legend(const std::string& label, const std::string& css_class);
  // A label for the point x, above the plot in the first row where it overlaps no other
  // label, with a dotted leader line down to the frame and a tooltip.
  void top_label(double x, const std::string& text, const std::string& css_class,
                 const std::string& title);

  // The finished <svg> element, with role="img" and `title` for screen readers.
  std::string svg(const std::string& title) const;

 private:
  Frame f_;
  double x0_, x1_, y0_, y1_;
  bool log_y_;
  struct HeaderItem {
    double x;  // pixels: a legend's left edge is laid out in svg(); a label's point
    std::string text, css_class, title;
  };
  std::string legend_rows(int* height) const;
  std::string label_rows(int top, int* height) const;

  std::string body_;
  std::vector<HeaderItem> legends_;
  std::vector<HeaderItem> labels_;
};

// Estimated width in pixels of `text` at `font_px` (per UTF-8 character; on the wide side).
double text_width(const std::string& text, double font_px);

// `text` cut to at most `max_px` wide (estimated), with "…" when cut; "" if hardly anything
// fits.
std::string fit_text(const std::string& text, double max_px, double font_px);

// A text wanting to start at `x` (pixels) that is `width` wide, and where it went: row 0, 1,
// ... and its box [x0, x1]. One that would end past `right` ends at its x instead.
struct RowText {
  double x = 0;
  double width = 0;
};
struct RowBox {
  int row = 0;
  double x0 = 0;
  double x1 = 0;
  bool anchor_end = false;  // drawn ending at x
};
// Each text goes into the first row where its box is at least `gap` px from every other box
// of that row; so no two boxes of a row overlap.
std::vector<RowBox> stack_in_rows(const std::vector<RowText>& texts, double right, double gap);

// Merges points (in pixels) that fall in the same cell of `cell` x `cell` pixels into one,
// growing the cell until at most `max_points` remain. What is painted stays the same at the
// plot's resolution: a cell is painted if any point fell in it. Order of first appearance kept.
std::vector<Point> merge_by_cell(const std::vector<Point>& pixels, double cell, size_t max_points);

// A tick's label: "0.01", "2000", "20k", "1.5M" (not "1e+06").
std::string tick_text(double v);

// Round tick positions covering [lo, hi], about `count` of them (steps of 1, 2 or 5 x 10^k).
std::vector<double> nice_ticks(double lo, double hi, int count);

}  // namespace rrt
