// The reports of the maintenance commands (build, update, verify, validate), in the manner of the
// views' structure printer: a command describes its outcome once, as a Report (one JSON object of
// counts and lists), and emit_report renders that one value in every form the command offers:
//   --format json   the object on standard output
//   --report FILE   the same object plus every diagnostic ("diagnostics"), indented, in FILE
//   text            one summary line on standard error, made from the same object by the
//                   command's template, so the line and the JSON cannot disagree
// docs/output-format.md ("Reports") describes the objects.
#pragma once

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

struct Report {
  std::string command;             // "build": the summary line starts "build: "
  nlohmann::ordered_json summary;  // the object
  // The summary line's template: `{key}` is replaced by the value of `key` in the summary (a
  // string as it is, a number as JSON writes it, an array as its length), `{key:noun}` by "N noun"
  // or "N nouns" by the count. An unknown key is a programming error (throws Error(kInternal)).
  std::string text;
};

// The summary line (without a newline): "<command>: " + the template filled in.
[[nodiscard]] std::string render_summary(const Report& report);

// Writes the report: the --report file when `report_path` is set; the object on `out` when
// `format` is json; the summary line on `err` unless `quiet` or the template is empty.
void emit_report(const Report& report, Format format, const std::string& report_path, bool quiet,
                 const Diagnostics& diagnostics, std::ostream& out, std::ostream& err);

}  // namespace annosearch::cli
