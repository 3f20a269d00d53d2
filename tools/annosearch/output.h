// Output writers of the researcher commands: one interface, one implementation per --format
// (text, json, jsonl, csv), as notmuch's structure printers, so no command builds JSON or CSV by
// hand and every format of a result comes from one place. docs/output-format.md describes them.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "query/export.h"
#include "query/search.h"
#include "query/stats.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

struct OutputOptions {
  bool color = false;       // text: ANSI bold/colour for highlights and titles
  std::size_t width = 100;  // text: passages are wrapped to this many columns
};

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  // `search`: hits and facets.
  virtual void search(const SearchResult& result) = 0;
  // `facets`: the same result without hits.
  virtual void facets(const SearchResult& result) = 0;
  virtual void stats(const IndexStats& stats) = 0;
};

[[nodiscard]] std::unique_ptr<ResultWriter> make_writer(Format format, std::ostream& out,
                                                        OutputOptions options = {});

// `export`: a header, then one record per unit as the match streams it, then finish(count).
class ExportWriter {
 public:
  virtual ~ExportWriter() = default;
  virtual void header(const ExportHeader& header) = 0;
  virtual void unit(const ExportUnit& unit) = 0;
  virtual void finish(std::size_t count) = 0;
};

// JSON Lines (the first line is the header object) or CSV (`# ` header lines, then a header row).
[[nodiscard]] std::unique_ptr<ExportWriter> make_export_writer(Format format, std::ostream& out);
[[nodiscard]] nlohmann::ordered_json export_header_to_json(const ExportHeader& header);
[[nodiscard]] nlohmann::ordered_json export_unit_to_json(const ExportUnit& unit);

// What a result counts, for a text header: ` for "grain" · actor ussr ("Soviet" by alias)`, or
// ` in the index` without a query or filter.
[[nodiscard]] std::string selection_phrase(const QueryEcho& query);
// The same phrase's parts: the query text in quotes (if any), then each filter.
[[nodiscard]] std::vector<std::string> selection_parts(const QueryEcho& query);

// True when standard output is a terminal that takes colour (not NO_COLOR, not TERM=dumb).
[[nodiscard]] bool stdout_wants_color();

// The JSON forms, shared by the json and jsonl writers (docs/output-format.md, "search --format
// json").
[[nodiscard]] nlohmann::ordered_json hit_to_json(const Hit& hit);
[[nodiscard]] nlohmann::ordered_json search_to_json(const SearchResult& result, bool with_hits);
[[nodiscard]] nlohmann::ordered_json stats_to_json(const IndexStats& stats);

// Wraps text to `width` columns (code points; the bytes \x01 and \x02 mark highlight starts and
// ends and take `marker_width` columns each), each line prefixed by `indent`.
[[nodiscard]] std::string wrap_text(const std::string& text, std::size_t width,
                                    const std::string& indent, std::size_t marker_width);

}  // namespace annosearch::cli
