#include "report/svg_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "report/markup.h"

namespace rrt {

SvgPlot::SvgPlot(Frame frame, double x0, double x1, double y0, double y1, bool log_y)
    : f_(frame),
      x0_(x0),
      x1_(x1 > x0 ? x1 : x0 + 1),
      y0_(y0),
      y1_(y1 != y0 ? y1 : y0 + 1),
      log_y_(log_y) {
  if (log_y_) {
    y0_ = std::log10(std::max(y0, 1e-12));
    y1_ = std::log10(std::max(y1, 1e-12));
    if (y1_ == y0_) y1_ = y0_ + 1;
  }
}

double SvgPlot::px(double x) const {
  double w = f_.width - f_.left - f_.right;
  return f_.left + (x - x0_) / (x1_ - x0_) * w;
}

double SvgPlot::py(double y) const {
  double h = f_.height - f_.top - f_.bottom;
  double v = log_y_ ? std::log10(std::max(y, 1e-12)) : y;
  return f_.top + h - (v - y0_) / (y1_ - y0_) * h;
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
  if (hi < lo) std::swap(lo, hi);
  double span = hi - lo;
  if (span <= 0 || count < 1) return {lo};
  double raw = span / count;
  double mag = std::pow(10, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  std::vector<double> out;
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    out.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
  }
  return out;
}

std::string tick_text(double v) {
  if (std::fabs(v) >= 1e6) return fmt::format("{:g}M", v / 1e6);
  if (std::fabs(v) >= 1e4) return fmt::format("{:g}k", v / 1e3);
  return fmt::format("{:g}", v);
}

void SvgPlot::x_axis(const std::string& label) {
  double bottom = f_.height - f_.bottom;
  for (double t : nice_ticks(x0_, x1_, 10)) {
    double x = px(t);
    body_ += fmt::format(R"(<line class="grid" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}"/>)", x,
                         f_.top, bottom);
    body_ += fmt::format(R"(<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)",
                         x, bottom + 14, tick_text(t));
  }
  body_ += fmt::format(R"(<text class="axis" x="{}" y="{}" text-anchor="middle">{}</text>)",
                       (f_.left + f_.width - f_.right) / 2, f_.height - 4, escape_html(label));
}

void SvgPlot::y_axis(const std::string& label) {
  std::vector<double> ticks;
  if (log_y_) {
    for (double e = std::ceil(std::min(y0_, y1_)); e <= std::max(y0_, y1_) + 1e-9; e += 1)
      ticks.push_back(std::pow(10, e));
  } else {
    ticks = nice_ticks(y0_, y1_, 4);
  }
  for (double t : ticks) {
    double y = py(t);
    body_ += fmt::format(R"(<line class="grid" x1="{0}" x2="{1}" y1="{2:.1f}" y2="{2:.1f}"/>)",
                         f_.left, f_.width - f_.right, y);
    body_ += fmt::format(R"(<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>)",
                         f_.left - 4, y + 4, tick_text(t));
  }
  int mid = (f_.top + f_.height - f_.bottom) / 2;
  body_ += fmt::format(
      R"x(<text class="axis" x="12" y="{0}" transform="rotate(-90 12 {0})" text-anchor="middle">{1}</text>)x",
      mid, escape_html(label));
}

void SvgPlot::lane_names(const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    body_ += fmt::format(R"(<text class="lane" x="{}" y="{:.1f}" text-anchor="end">{}</text>)",
                         f_.left - 6, py(i + 0.5) + 4, escape_html(names[i]));
  }
}

static std::string tooltip(const std::string& title) {
  return title.empty() ? "" : "<title>" + escape_html(title) + "</title>";
}

void SvgPlot::band(double x0, double x1, const std::string& css_class, const std::string& title) {
  double a = px(x0), b = std::max(px(x1), a + 2);
  body_ += fmt::format(R"(<rect class="{}" x="{:.1f}" y="{}" width="{:.1f}" height="{}">{}</rect>)",
                       css_class, a, f_.top, b - a, f_.height - f_.top - f_.bottom, tooltip(title));
}

void SvgPlot::vline(double x, const std::string& css_class, const std::string& title) {
  body_ += fmt::format(R"(<line class="{}" x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}">{}</line>)",
                       css_class, px(x), px(x), f_.top, f_.height - f_.bottom, tooltip(title));
}

void SvgPlot::rect(double x0, double x1, double y0, double y1, const std::string& css_class,
                   const std::string& title) {
  double a = px(x0), b = std::max(px(x1), a + 1.5);
  double top = std::min(py(y0), py(y1)), h = std::fabs(py(y1) - py(y0));
  body_ += fmt::format(
      R"(<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}">{}</rect>)",
      css_class, a, top, b - a, h, tooltip(title));
}

void SvgPlot::polyline(const std::vector<Point>& points, const std::string& css_class) {
  if (points.empty()) return;
  std::string d;
  for (const Point& p : points) d += fmt::format("{:.1f},{:.1f} ", px(p.x), py(p.y));
  d.pop_back();
  body_ += fmt::format(R"(<polyline class="{}" points="{}"/>)", css_class, d);
}

void SvgPlot::dots(const std::vector<Point>& pixels, const std::string& css_class) {
  if (pixels.empty()) return;
  std::string d;
  d.reserve(pixels.size() * 14);
  for (const Point& p : pixels) d += fmt::format("M{:.1f} {:.1f}h0", p.x, p.y);
  body_ += fmt::format(R"(<path class="{}" d="{}"/>)", css_class, d);
}

void SvgPlot::text(double x, double y, const std::string& text, const std::string& css_class,
                   bool anchor_end) {
  body_ += fmt::format(R"(<text class="{}" x="{:.1f}" y="{:.1f}"{}>{}</text>)", css_class, px(x),
                       py(y), anchor_end ? R"( text-anchor="end")" : "", escape_html(text));
}

void SvgPlot::legend(const std::string& label, const std::string& css_class) {
  legends_.push_back({0, label, css_class, ""});
}

void SvgPlot::top_label(double x, const std::string& text, const std::string& css_class,
                        const std::string& title) {
  labels_.push_back({px(x), text, css_class, title});
}

namespace {

constexpr double kLegendFont = 11;  // svg text in report_style.cc
constexpr double kLabelFont = 10;   // svg .top-label
constexpr int kLegendRow = 16;
constexpr int kLabelRow = 13;

}  // namespace

// Entries left to right from the frame's left edge, wrapping at its right edge.
std::string SvgPlot::legend_rows(int* height) const {
  *height = 0;
  if (legends_.empty()) return "";
  std::string out;
  double x = f_.left, right = f_.width - f_.right;
  int y = 4;
  for (const HeaderItem& item : legends_) {
    double w = 14 + text_width(item.text, kLegendFont);
    if (x > f_.left && x + w > right) x = f_.left, y += kLegendRow;
    out += fmt::format(R"(<rect class="{} swatch" x="{:.1f}" y="{}" width="10" height="10"/>)",
                       item.css_class, x, y);
    out += fmt::format(R"(<text class="legend" x="{:.1f}" y="{}">{}</text>)", x + 14, y + 9,
                       escape_html(item.text));
    x += w + 14;
  }
  *height = y + kLegendRow - 2;
  return out;
}

// Labels in rows from `top` down; row 0 is the one nearest the frame. Leader lines run from
// each label down to the frame's top (which svg() puts right under the rows).
std::string SvgPlot::label_rows(int top, int* height) const {
  *height = 0;
  if (labels_.empty()) return "";
  std::vector<RowText> texts;
  for (const HeaderItem& l : labels_) texts.push_back({l.x, text_width(l.text, kLabelFont)});
  std::vector<RowBox> boxes = stack_in_rows(texts, f_.width - 2, 6);
  int rows = 0;
  for (const RowBox& b : boxes) rows = std::max(rows, b.row + 1);
  *height = rows * kLabelRow + 4;
  int frame_top = top + *height + f_.top;
  std::string out;
  for (size_t i = 0; i < boxes.size(); ++i) {
    const HeaderItem& l = labels_[i];
    int baseline = top + (rows - 1 - boxes[i].row) * kLabelRow + 10;
    out += fmt::format(R"(<line class="leader" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}"/>)", l.x,
                       baseline + 2, frame_top);
    out +=
        fmt::format(R"(<text class="top-label {}" x="{:.1f}" y="{}" text-anchor="{}">{}{}</text>)",
                    l.css_class, l.x, baseline, boxes[i].anchor_end ? "end" : "start",
                    escape_html(l.text), tooltip(l.title));
  }
  return out;
}

std::string SvgPlot::svg(const std::string& title) const {
  int legend_h = 0, labels_h = 0;
  std::string header = legend_rows(&legend_h);
  header += label_rows(legend_h, &labels_h);
  int shift = legend_h + labels_h;
  return fmt::format(
      R"(<svg role="img" viewBox="0 0 {0} {1}" width="{0}" height="{1}"><title>{2}</title>{3})"
      R"x(<g transform="translate(0 {4})"><rect class="frame" x="{5}" y="{6}" width="{7}" )x"
      R"(height="{8}"/>{9}</g></svg>)",
      f_.width, f_.height + shift, escape_html(title), header, shift, f_.left, f_.top,
      f_.width - f_.left - f_.right, f_.height - f_.top - f_.bottom, body_);
}

double text_width(const std::string& text, double font_px) {
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xc0) != 0x80;  // UTF-8 lead bytes
  return static_cast<double>(chars) * font_px * 0.64;
}

std::string fit_text(const std::string& text, double max_px, double font_px) {
  if (text_width(text, font_px) <= max_px) return text;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;  // one UTF-8 character
    while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xc0) == 0x80)
      ++len;
    if (text_width(out + text.substr(i, len) + "…", font_px) > max_px) break;
    out += text.substr(i, len);
    i += len;
  }
  return text_width(out, font_px) < 2 * font_px ? "" : out + "…";
}

std::vector<RowBox> stack_in_rows(const std::vector<RowText>& texts, double right, double gap) {
  std::vector<size_t> order(texts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Right to left: a label's leader (at its left edge) then passes left of the boxes below it.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return texts[a].x > texts[b].x; });
  std::vector<RowBox> out(texts.size());
  std::vector<std::vector<RowBox>> rows;
  auto fits = [&](const RowBox& box, size_t row) {
    if (row >= rows.size()) return true;
    for (const RowBox& b : rows[row]) {
      if (box.x0 < b.x1 + gap && b.x0 < box.x1 + gap) return false;
    }
    return true;
  };
  auto leader_clear = [&](double x, size_t row) {
    for (size_t r = 0; r < row && r < rows.size(); ++r) {
      for (const RowBox& b : rows[r]) {
        if (b.x0 + 1 < x && x < b.x1 - 1) return false;
      }
    }
    return true;
  };
  for (size_t i : order) {
    const RowText& t = texts[i];
    RowBox box{0, t.x, t.x + t.width, false};
    if (box.x1 > right) box = {0, t.x - t.width, t.x, true};
    size_t row = 0;
    while (row <= rows.size() && !(fits(box, row) && leader_clear(t.x, row))) ++row;
    if (row > rows.size()) {  // no row keeps the leader clear: then only the text matters
      row = 0;
      while (!fits(box, row)) ++row;
    }
    if (row == rows.size()) rows.emplace_back();
    box.row = static_cast<int>(row);
    rows[row].push_back(box);
    out[i] = box;
  }
  return out;
}

std::vector<Point> merge_by_cell(const std::vector<Point>& pixels, double cell, size_t max_points) {
  if (max_points == 0) return {};
  cell = std::max(cell, 1e-3);
  for (;;) {
    std::unordered_set<int64_t> seen;
    std::vector<Point> out;
    for (const Point& p : pixels) {
      int64_t cx = static_cast<int64_t>(std::floor(p.x / cell));
      int64_t cy = static_cast<int64_t>(std::floor(p.y / cell));
      if (seen.insert(cx * 1'000'003 + cy).second) out.push_back(p);
      if (out.size() > max_points) break;
    }
    if (out.size() <= max_points) return out;
    cell *= 2;
  }
}

}  // namespace rrt
