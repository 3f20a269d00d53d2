// Shared pieces of the `annosearch` command: global options, output format, error reporting.
// Each subcommand lives in its own cmd_*.cc with a register_*(CLI::App&, Context&) function that
// binds its options into a struct and sets a callback; main.cc only wires them together.
#pragma once

#include <iosfwd>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "indexer/reader.h"

namespace annosearch {
class Searcher;
}

namespace annosearch::cli {

enum class Format { kText, kJson, kJsonl, kCsv };

// Process-wide state a subcommand may read or set. Passed explicitly; no globals. The command
// line uses the defaults; `annosearch serve` runs one subcommand per HTTP request with a Context
// of its own (tools/annosearch/serve_api.cc), so the options, their checks and the JSON are the
// command's own.
struct Context {
  int exit_code = 0;               // what the process returns; set by the subcommand's callback
  std::ostream* out = &std::cout;  // where the result goes
  std::ostream* err = &std::cerr;  // notes about the result (hits left out by --limit, ...)
  // Set by the server: the worker's open index (the --index the server itself passes). The read
  // commands then search it instead of opening --index again.
  const Searcher* searcher = nullptr;
  std::string generation;  // with `searcher`: the generation it reads ("" for a plain database)
  // Set by the server for `export`: resolve the query and check it, write nothing. The request
  // then fails with its real status before the streamed response has begun.
  bool check_only = false;
};

// The index a read command searches: the server's (Context::searcher) or --index, opened now.
class IndexReader {
 public:
  IndexReader(const Context& ctx, const std::string& index_dir);
  ~IndexReader();
  IndexReader(const IndexReader&) = delete;
  IndexReader& operator=(const IndexReader&) = delete;
  [[nodiscard]] const Searcher& searcher() const { return *searcher_; }

 private:
  std::unique_ptr<Searcher> own_;
  const Searcher* searcher_ = nullptr;
};

// Adds --index DIR (default $ANNOSEARCH_INDEX, else ./annosearch-index) to a subcommand.
CLI::Option* add_index_option(CLI::App* sub, std::string* index);
// Adds --format with the given allowed formats to a subcommand.
CLI::Option* add_format_option(CLI::App* sub, Format* format, bool allow_jsonl_csv = true);
// Adds --registry FILE (repeatable) and, unless themes is null, --themes FILE (repeatable). Each
// takes exactly one value, so `--registry R corpus/` leaves corpus/ as an input.
void add_registry_options(
    CLI::App* sub, std::vector<std::string>* registry, std::vector<std::string>* themes,
    const std::string& registry_help = "A further entity registry file (JSON Lines); repeatable");
// Adds --quiet and --progress auto|json|none (how to report progress on long work; the default
// "auto" draws a bar on a terminal and prints nothing otherwise).
void add_progress_options(CLI::App* sub, bool* quiet, std::string* progress);

[[nodiscard]] std::string default_index_path();
// The directory of the bundled corpus (the source tree's corpus/), for build with no INPUT.
[[nodiscard]] std::string bundled_corpus_dir();

// True when a spreadsheet would evaluate the cell: it starts with =, +, -, @, tab or carriage
// return and is not a plain number ("-3", "+0.5").
[[nodiscard]] bool is_spreadsheet_formula(const std::string& field);
// Writes a CSV field, quoted when needed (RFC 4180). A formula cell (is_spreadsheet_formula) is
// neutralised: quoted, with an apostrophe before its first character.
void write_csv_field(std::ostream& out, const std::string& field);

// A diagnostic as a JSON object: {severity, file, line, id, field, message}; id and field are
// null when the diagnostic has none, file is "-" for standard input.
[[nodiscard]] nlohmann::ordered_json diagnostic_json(const Diagnostic& d);

// Diagnostics that print each one on stderr as it is found (warnings only without `quiet`).
void stream_diagnostics_to_stderr(Diagnostics& diagnostics, bool quiet);

// Flushes standard output and throws Error(kInternal) when anything written to it was lost (a full
// disk, /dev/full, a closed pipe with SIGPIPE ignored). main() calls it after every subcommand.
void check_standard_output();

// Writes `summary` plus every diagnostic (as "diagnostics") to `path` as indented JSON, for
// --report. Throws Error(kUsage) when the file cannot be opened and Error(kInternal) (exit 4) when
// writing or closing it fails.
void write_report(const std::string& path, nlohmann::ordered_json summary,
                  const Diagnostics& diagnostics);

// Parses argv into `app` and runs the chosen subcommand's callback, mapping every failure to its
// exit code and a one-line message on stderr ("annosearch: ..."): the error handling of both
// programs, `annosearch` (main.cc) and `annosearch-serve` (serve_main.cc). Returns the exit code.
int parse_and_run(CLI::App& app, const Context& ctx, int argc, char** argv);

// Registration functions, one per subcommand file.
void register_validate(CLI::App& app, Context& ctx);
void register_build(CLI::App& app, Context& ctx);
void register_search(CLI::App& app, Context& ctx);  // search and facets
void register_stats(CLI::App& app, Context& ctx);
void register_entities(CLI::App& app, Context& ctx);
void register_import(CLI::App& app, Context& ctx);
void register_update(CLI::App& app, Context& ctx);  // update and delete
void register_verify(CLI::App& app, Context& ctx);  // verify and compact
void register_export(CLI::App& app, Context& ctx);
void register_kwic(CLI::App& app, Context& ctx);
void register_timeline(CLI::App& app, Context& ctx);
void register_cooccur(CLI::App& app, Context& ctx);
void register_show(CLI::App& app, Context& ctx);
void register_compare(CLI::App& app, Context& ctx);
void register_annotate(CLI::App& app, Context& ctx);  // annotate and eval-annotations
void register_serve(CLI::App& app, Context& ctx);

}  // namespace annosearch::cli
