// The shared renderers of the views.
#include "tools/annosearch/view_output.h"

#include <cstdio>
#include <ostream>

#include "core/escape.h"

namespace annosearch::cli {

using ojson = nlohmann::ordered_json;

std::string csv_cell(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    bool scalars = true;
    for (const auto& e : v) scalars = scalars && !e.is_structured();
    if (!scalars) return v.dump();
    std::string out;
    for (const auto& e : v) {
      if (!out.empty()) out += ';';
      out += csv_cell(e);
    }
    return out;
  }
  return v.dump();
}

void write_json(std::ostream& out, const ojson& value, int indent) {
  out << value.dump(indent, ' ', false, ojson::error_handler_t::replace) << '\n';
}

std::string display(const std::string& text) { return escape_control(text); }

std::vector<std::string> query_notes(const QueryEcho& q) {
  std::vector<std::string> out;
  for (const auto& r : q.resolved) {
    if (!r.note.empty()) out.push_back(r.note);
  }
  out.insert(out.end(), q.notes.begin(), q.notes.end());
  return out;
}

std::string fit(const std::string& text, std::size_t width, bool right) {
  // Code point boundaries.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) starts.push_back(i);
  }
  const std::size_t n = starts.size();
  if (n > width) {
    if (width == 0) return "";
    return right ? "…" + text.substr(starts[n - width + 1])
                 : text.substr(0, starts[width - 1]) + "…";
  }
  const std::string padding(width - n, ' ');
  return right ? padding + text : text + padding;
}

namespace {

const ojson& at_path(const ojson& row, const std::string& path) {
  static const ojson kNull;
  const ojson* v = &row;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!v->is_object() || !v->contains(key)) return kNull;
    v = &(*v)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *v;
}

void csv_line(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out << ',';
    write_csv_field(out, cells[i]);
  }
  out << "\r\n";
}

}  // namespace

void emit_view(Format format, std::ostream& out, const ViewOutput& view,
               const std::function<void(std::ostream&)>& text) {
  const ojson& rows = view.document.at(view.rows_key);
  switch (format) {
    case Format::kJson:
      write_json(out, view.document);
      return;
    case Format::kJsonl:
      for (const auto& row : rows) write_json(out, row, -1);
      return;
    case Format::kCsv: {
      csv_line(out, view.headers.empty() ? view.columns : view.headers);
      for (const auto& row : rows) {
        std::vector<std::string> cells;
        cells.reserve(view.columns.size());
        for (const auto& c : view.columns) cells.push_back(csv_cell(at_path(row, c)));
        csv_line(out, cells);
      }
      return;
    }
    case Format::kText:
      text(out);
      return;
  }
}

}  // namespace annosearch::cli
