// annosearch validate: check corpus files, the registry and the taxonomy without indexing, and
// report every problem with file, line, document id and field.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "indexer/reader.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/report.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> registry_files;
  std::vector<std::string> theme_files;
  Format format = Format::kText;
  bool strict = false;
};

int run_validate(const ValidateOptions& options) {
  InputOptions input;
  input.inputs = options.inputs;
  if (input.inputs.empty()) input.inputs.push_back(bundled_corpus_dir());
  input.registry_files = options.registry_files;
  input.theme_files = options.theme_files;

  Diagnostics diagnostics;
  // Text streams each problem as it is found, so a large corpus shows its first problems at once.
  if (options.format == Format::kText) {
    diagnostics.on_add = [](const Diagnostic& d) { std::cout << d.format() << '\n'; };
  }
  const Corpus corpus = open_corpus(input, diagnostics);
  const ScanStats stats = scan_documents(corpus, diagnostics, nullptr);

  Report report{"validate",
                {{"documents", stats.records},
                 {"errors", diagnostics.errors()},
                 {"warnings", diagnostics.warnings()},
                 {"diagnostics", nlohmann::ordered_json::array()}},
                "{documents:document} checked, {errors:error}, {warnings:warning}"};
  if (options.format == Format::kJson) {
    for (const auto& d : diagnostics.all()) {
      report.summary["diagnostics"].push_back(diagnostic_json(d));
    }
  }
  std::cout.flush();
  emit_report(report, options.format, "", false, diagnostics, std::cout, std::cerr);
  const bool failed = diagnostics.errors() > 0 || (options.strict && diagnostics.warnings() > 0);
  return static_cast<int>(failed ? ExitCode::kProblem : ExitCode::kOk);
}

}  // namespace

void register_validate(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ValidateOptions>();
  auto* sub = app.add_subcommand(
      "validate",
      "Check corpus input without indexing: every problem with file, line, id and field");
  sub->add_option("input", options->inputs,
                  "Corpus files (.jsonl, .json), corpus directories, or - for standard input "
                  "(JSON Lines). Default: the bundled corpus");
  add_registry_options(sub, &options->registry_files, &options->theme_files);
  add_format_option(sub, &options->format, false);
  sub->add_flag("--strict", options->strict, "Exit 1 on warnings too, not only on errors");
  sub->callback([options, &ctx] { ctx.exit_code = run_validate(*options); });
}

}  // namespace annosearch::cli
