// Output of the researcher views (kwic, timeline, cooccur, show, compare) in the manner of
// notmuch's structure printer: a view describes its result once, as a JSON value with one array
// of rows, and the JSON, JSON Lines and CSV forms all come from that value; only the text form is
// the view's own (a concordance, bars, a table).
//   json   the whole value, indented
//   jsonl  one row a line (the rows array only)
//   csv    a header row of `columns`, one row a line; a column may name a nested key
//          ("partner.id"); arrays of scalars are joined with ';', objects written as JSON
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "query/search.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

struct ViewOutput {
  nlohmann::ordered_json document;
  std::string rows_key;              // the array of rows inside document
  std::vector<std::string> columns;  // CSV columns (keys of a row, dotted for nested keys)
  std::vector<std::string> headers;  // CSV header names, when not the column keys
};

void emit_view(Format format, std::ostream& out, const ViewOutput& view,
               const std::function<void(std::ostream&)>& text);

// Every JSON document the command writes (reports of build, update, verify and validate, the
// views, --report files) is serialised here: `indent` spaces (-1: one line), and bytes that are
// not UTF-8 replaced by U+FFFD instead of failing half-way through the output.
void write_json(std::ostream& out, const nlohmann::ordered_json& value, int indent = 2);

// Every string a view prints in text form goes through here: control characters (which could
// drive a terminal) are shown as \xNN. The one place to change text escaping for the views.
[[nodiscard]] std::string display(const std::string& text);

// The notes on how a query was read: each actor's note, then the query's own (a year typed as a
// word). The views print them under their header and give them as "notes" in JSON.
[[nodiscard]] std::vector<std::string> query_notes(const QueryEcho& q);

// Pads (or cuts, with "…") a display string to exactly `width` code points; right-aligns when
// `right` is set.
[[nodiscard]] std::string fit(const std::string& text, std::size_t width, bool right = false);

// One CSV cell from a JSON value (see above).
[[nodiscard]] std::string csv_cell(const nlohmann::ordered_json& value);

}  // namespace annosearch::cli
