#include "tools/annosearch/report.h"

#include <ostream>

#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

std::string value_text(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) return std::to_string(v.size());
  if (v.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v.get<double>());
    return buf;
  }
  return v.dump();
}

}  // namespace

std::string render_summary(const Report& report) {
  std::string line = report.command + ": ";
  const std::string& t = report.text;
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] != '{') {
      line += t[i++];
      continue;
    }
    const std::size_t close = t.find('}', i);
    if (close == std::string::npos) {
      throw Error(ErrorKind::kInternal, "report template of " + report.command + ": unclosed {");
    }
    const std::string spec = t.substr(i + 1, close - i - 1);
    const std::size_t colon = spec.find(':');
    const std::string key = spec.substr(0, colon);
    if (!report.summary.contains(key)) {
      throw Error(ErrorKind::kInternal,
                  "report template of " + report.command + " names no field \"" + key + "\"");
    }
    const auto& v = report.summary.at(key);
    if (colon == std::string::npos) {
      line += value_text(v);
    } else {
      const std::string noun = spec.substr(colon + 1);
      line += value_text(v) + " " + noun + (value_text(v) == "1" ? "" : "s");
    }
    i = close + 1;
  }
  return line;
}

void emit_report(const Report& report, Format format, const std::string& report_path, bool quiet,
                 const Diagnostics& diagnostics, std::ostream& out, std::ostream& err) {
  if (!report_path.empty()) write_report(report_path, report.summary, diagnostics);
  if (format == Format::kJson) {
    write_json(out, report.summary);
    out.flush();
  }
  if (!quiet && !report.text.empty()) err << render_summary(report) << '\n';
}

}  // namespace annosearch::cli
